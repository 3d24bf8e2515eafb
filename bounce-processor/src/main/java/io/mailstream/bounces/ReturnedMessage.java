package io.mailstream.bounces;

import io.mailstream.bounces.parse.Addresses;
import io.mailstream.bounces.parse.HeaderFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the message returned inside a report (RFC 5965 §2 item d, RFC 3462 §3) says about which
 * of our messages it was. None of it is trusted by itself: the reader of a report decides what
 * each is worth (a return path is only evidence once its signature is checked).
 *
 * @param returnPaths         the addresses of its {@code Return-Path} fields (our signed VERP, if it was our mail)
 * @param mailstreamMessageId its {@code X-Mailstream-Message-Id}, which the dispatcher writes
 * @param messageIdField      the local part of its {@code Message-ID} ({@code <messageId@sender domain>} for our mail)
 */
public record ReturnedMessage(List<String> returnPaths, Optional<String> mailstreamMessageId, Optional<String> messageIdField) {
    public static final ReturnedMessage NONE = new ReturnedMessage(List.of(), Optional.empty(), Optional.empty());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=-]{0,127}");
    private static final int MAX_RETURN_PATHS = 4;

    public ReturnedMessage {
        returnPaths = List.copyOf(returnPaths);
        java.util.Objects.requireNonNull(mailstreamMessageId, "mailstreamMessageId");
        java.util.Objects.requireNonNull(messageIdField, "messageIdField");
    }

    /** Read from the returned message's header fields (empty when nothing came back). */
    public static ReturnedMessage of(HeaderFields returned) {
        List<String> paths = new ArrayList<>();
        for (String v : returned.all("return-path")) {
            if (paths.size() < MAX_RETURN_PATHS) {
                Addresses.first(v).ifPresent(paths::add);
            }
        }
        Optional<String> header = returned.first("x-mailstream-message-id").map(ReturnedMessage::unbracket)
                .filter(s -> ID.matcher(s).matches());
        Optional<String> field = returned.first("message-id").map(ReturnedMessage::unbracket)
                .filter(s -> s.indexOf('@') > 0).map(s -> s.substring(0, s.indexOf('@')))
                .filter(s -> ID.matcher(s).matches());
        return new ReturnedMessage(paths, header, field);
    }

    /** The message id the returned headers name, X-Mailstream-Message-Id first; unsigned, anyone can write it. */
    public Optional<String> unsignedMessageId() {
        return mailstreamMessageId.or(() -> messageIdField);
    }

    private static String unbracket(String s) {
        String v = s.strip();
        return v.startsWith("<") && v.endsWith(">") ? v.substring(1, v.length() - 1).strip() : v;
    }
}
