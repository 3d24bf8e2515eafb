package io.mailstream.dispatcher.render;

import io.mailstream.schemas.address.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the wire form of a message straight into bytes: the header section (RFC 5322), then
 * {@code multipart/alternative} (RFC 2046 §5.1.4, plain text first, HTML last as the preferred
 * part) or a single text part, in UTF-8 with the transfer encoding {@link TransferEncoding} picks
 * (7bit, quoted-printable or base64, RFC 2045 §6), RFC 2047 encoded words for non-ASCII header
 * text, and one-click unsubscribe headers (RFC 2369 §3.2, RFC 8058 §3.1).
 *
 * <p>Building a Jakarta Mail {@code MimeMessage} per recipient and letting it write itself was
 * half of a delivery worker's CPU in {@code bench delivery} (header objects, content-type parsing,
 * data handlers); the output here is the same shape, checked by parsing it back with Jakarta Mail
 * in the tests. Jakarta Mail's encoders are still used for what they do well: RFC 2047 words,
 * display names, quoted-printable and base64. Thread-safe.
 */
final class MimeWriter {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_CACHED_SENDERS = 1024;

    private final Clock clock;
    private final DateHeader dateHeader = new DateHeader();
    // Campaigns send thousands of messages from one sender: its encoded From field is built once.
    private final Map<String, String> senderFields = new ConcurrentHashMap<>();

    MimeWriter(Clock clock) {
        this.clock = clock;
    }

    /** What goes into the headers of one message; every string here has passed {@link HeaderGuard}. */
    record Envelope(String messageId, Optional<String> campaignId, EmailAddress from, Optional<String> fromName,
                    EmailAddress to, Optional<EmailAddress> replyTo, EmailAddress returnPath, EmailAddress unsubscribeMailto,
                    Map<String, String> extraHeaders) {
    }

    MessageBytes write(Envelope env, RenderedContent content) throws IOException {
        int bodySize = content.text().map(String::length).orElse(0) + content.html().map(String::length).orElse(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bodySize + bodySize / 8 + 1024);
        field(out, "Date", dateHeader.format(clock.instant()));
        field(out, "From", senderField(env));
        if (env.replyTo().isPresent()) {
            field(out, "Reply-To", env.replyTo().get().asString());
        }
        field(out, "To", env.to().asString());
        field(out, "Message-ID", "<" + env.messageId() + "@" + env.from().domain().asString() + ">");
        field(out, "Subject", HeaderFolding.fold(env.messageId(), "Subject", MimeUtility.encodeText(content.subject(), UTF_8, null)));
        field(out, "MIME-Version", "1.0");
        Optional<String> boundary = content.html().isPresent() && content.text().isPresent()
                ? Optional.of(boundary()) : Optional.empty();
        if (boundary.isPresent()) {
            field(out, "Content-Type", "multipart/alternative;\r\n\tboundary=\"" + boundary.get() + "\"");
        }
        unsubscribeFields(out, env, content);
        if (env.campaignId().isPresent()) {
            field(out, "X-Mailstream-Campaign-Id", MimeUtility.encodeText(env.campaignId().get(), UTF_8, null));
        }
        field(out, "X-Mailstream-Message-Id", env.messageId());
        for (Map.Entry<String, String> h : env.extraHeaders().entrySet()) {
            String encoded = MimeUtility.encodeText(h.getValue(), UTF_8, null);
            field(out, h.getKey(), HeaderFolding.fold(env.messageId(), h.getKey(), encoded));
        }
        if (boundary.isPresent()) {
            out.write(CRLF);
            byte[] delimiter = ("--" + boundary.get() + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(delimiter);
            textPart(out, content.text().get(), "plain");
            out.write(CRLF);
            out.write(delimiter);
            textPart(out, content.html().get(), "html");
            out.write(CRLF);
            out.write(("--" + boundary.get() + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        } else if (content.html().isPresent()) {
            textPart(out, content.html().get(), "html");
        } else {
            textPart(out, content.text().orElseThrow(), "plain");
        }
        return MessageBytes.wrap(out.toByteArray());
    }

    private void unsubscribeFields(ByteArrayOutputStream out, Envelope env, RenderedContent content) throws IOException {
        List<String> unsubscribe = new ArrayList<>(2);
        content.listUnsubscribeUrl().ifPresent(u -> unsubscribe.add("<" + u + ">"));
        if (env.campaignId().isPresent()) {
            unsubscribe.add("<mailto:" + env.unsubscribeMailto().asString() + ">");
        }
        if (!unsubscribe.isEmpty()) {
            field(out, "List-Unsubscribe", HeaderFolding.fold(env.messageId(), "List-Unsubscribe", String.join(", ", unsubscribe)));
        }
        if (content.listUnsubscribeUrl().filter(u -> u.startsWith("https://")).isPresent()) {
            // RFC 8058 §3.1: one-click needs an HTTPS URI in List-Unsubscribe.
            field(out, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }

    /** The part's (or single-part message's) content fields, a blank line and the encoded text. */
    private static void textPart(ByteArrayOutputStream out, String text, String subtype) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String encoding = TransferEncoding.forUtf8(utf8);
        field(out, "Content-Type", "text/" + subtype + "; charset=" + UTF_8);
        field(out, "Content-Transfer-Encoding", encoding);
        out.write(CRLF);
        byte[] canonical = withCrlf(utf8);
        switch (encoding) {
            case TransferEncoding.SEVEN_BIT -> out.write(canonical);
            case TransferEncoding.QUOTED_PRINTABLE -> QuotedPrintable.encode(canonical, out);
            default -> {
                try (OutputStream encoder = MimeUtility.encode(out, encoding)) {
                    encoder.write(canonical);
                } catch (jakarta.mail.MessagingException e) {
                    throw new IOException("no " + encoding + " encoder", e);
                }
            }
        }
    }

    /**
     * The text with every line end as CRLF, the canonical form of text (RFC 2049 §4, RFC 5322
     * §2.3): what base64 carries and what DKIM signs are then the lines the reader sees.
     */
    private static byte[] withCrlf(byte[] text) {
        int bare = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                i++;
            } else if (text[i] == '\r' || text[i] == '\n') {
                bare++;
            }
        }
        if (bare == 0) {
            return text;
        }
        byte[] out = new byte[text.length + bare];
        int o = 0;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                i++;
            } else if (b == '\r' || b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
            } else {
                out[o++] = b;
            }
        }
        return out;
    }

    private String senderField(Envelope env) throws UnsupportedEncodingException {
        if (env.fromName().isEmpty()) {
            return env.from().asString();
        }
        String key = env.fromName().get() + '\u0000' + env.from().asString();
        String cached = senderFields.get(key);
        if (cached != null) {
            return cached;
        }
        InternetAddress from = new InternetAddress(env.from().asString(), env.fromName().get(), UTF_8);
        String fieldBody = InternetAddress.toString(new Address[] {from}, "From: ".length());
        if (senderFields.size() >= MAX_CACHED_SENDERS) {
            senderFields.clear();
        }
        senderFields.put(key, fieldBody);
        return fieldBody;
    }

    private static void field(ByteArrayOutputStream out, String name, String body) {
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.write(' ');
        // Bodies are ASCII once encoded; UTF-8 is what an SMTPUTF8 address (RFC 6532) needs.
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF, 0, 2);
    }

    // RFC 2046 §5.1.1: "=_" cannot occur in quoted-printable or base64 text, and 128 random bits make a clash with 7bit text vanishingly unlikely.
    private static String boundary() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "=_mailstream_" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
    }
}
