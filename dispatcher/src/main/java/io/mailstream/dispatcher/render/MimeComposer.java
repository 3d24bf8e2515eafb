package io.mailstream.dispatcher.render;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
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
import java.util.Properties;

/**
 * Builds the MIME message from rendered content and already-validated header values:
 * {@code multipart/alternative} (RFC 2046 §5.1.4, plain text first, HTML last as the preferred
 * part) in UTF-8, transfer encodings chosen by Jakarta Mail from the content (7bit,
 * quoted-printable or base64, RFC 2045 §6), RFC 2047 encoded words for non-ASCII header text, and
 * one-click unsubscribe headers (RFC 2369 §3.2, RFC 8058 §3.1).
 */
final class MimeComposer {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    static {
        StreamProviderPin.ensure();
    }

    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;
    private final DateHeader dateHeader = new DateHeader();

    MimeComposer(Clock clock) {
        this.clock = clock;
    }

    /** What goes into the headers of one message; every string here has passed {@link HeaderGuard}. */
    record Envelope(String messageId, Optional<String> campaignId, EmailAddress from, Optional<String> fromName,
                    EmailAddress to, Optional<EmailAddress> replyTo, EmailAddress returnPath, Domain bounceDomain,
                    Map<String, String> extraHeaders) {
    }

    MimeMessage compose(Envelope env, RenderedContent content) throws MessagingException, UnsupportedEncodingException {
        String messageIdHeader = "<" + env.messageId() + "@" + env.from().domain().asString() + ">";
        MailstreamMimeMessage msg = new MailstreamMimeMessage(session, messageIdHeader);
        msg.setEnvelopeFrom(env.returnPath().asString());
        msg.setFrom(env.fromName().isPresent()
                ? new InternetAddress(env.from().asString(), env.fromName().get(), UTF_8)
                : new InternetAddress(env.from().asString()));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(env.to().asString()));
        if (env.replyTo().isPresent()) {
            msg.setReplyTo(new InternetAddress[] {new InternetAddress(env.replyTo().get().asString())});
        }
        msg.setSubject(content.subject(), UTF_8);
        msg.setHeader("Date", dateHeader.format(clock.instant()));
        setBody(msg, content);

        List<String> unsubscribe = new ArrayList<>();
        content.listUnsubscribeUrl().ifPresent(u -> unsubscribe.add("<" + u + ">"));
        if (env.campaignId().isPresent()) {
            unsubscribe.add("<mailto:unsubscribe+" + env.messageId() + "@" + env.bounceDomain().asString() + ">");
        }
        if (!unsubscribe.isEmpty()) {
            msg.setHeader("List-Unsubscribe", HeaderFolding.fold(18, String.join(", ", unsubscribe)));
        }
        if (content.listUnsubscribeUrl().filter(u -> u.startsWith("https://")).isPresent()) {
            // RFC 8058 §3.1: one-click needs an HTTPS URI in List-Unsubscribe.
            msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        env.campaignId().ifPresent(id -> setQuietly(msg, "X-Mailstream-Campaign-Id", id));
        msg.setHeader("X-Mailstream-Message-Id", env.messageId());
        for (Map.Entry<String, String> h : env.extraHeaders().entrySet()) {
            String encoded = MimeUtility.encodeText(h.getValue(), UTF_8, null);
            msg.setHeader(h.getKey(), HeaderFolding.fold(h.getKey().length() + 2, encoded));
        }
        msg.saveChanges();
        return msg;
    }

    private static void setBody(MimeMessage msg, RenderedContent content) throws MessagingException {
        if (content.html().isPresent() && content.text().isPresent()) {
            MimeBodyPart text = encodedPart(content.text().get(), "plain");
            MimeBodyPart html = encodedPart(content.html().get(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            msg.setContent(alternative);
        } else if (content.html().isPresent()) {
            setText(msg, content.html().get(), "html");
        } else {
            setText(msg, content.text().orElseThrow(), "plain");
        }
    }

    /**
     * A text part holding its content already transfer-encoded: written out as is, where a part
     * built with {@code setText} would run its string through a data handler, a charset encoder
     * and the transfer encoder again on every write.
     */
    private static MimeBodyPart encodedPart(String text, String subtype) throws MessagingException {
        String encoding = TransferEncoding.forUtf8Text(text);
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=" + UTF_8);
        headers.setHeader("Content-Transfer-Encoding", encoding);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(utf8.length + utf8.length / 3 + 16);
        try (OutputStream out = MimeUtility.encode(encoded, encoding)) {
            out.write(utf8);
        } catch (IOException e) {
            throw new MessagingException("cannot " + encoding + "-encode a " + subtype + " part", e);
        }
        return new MimeBodyPart(headers, encoded.toByteArray());
    }

    private static void setText(MimePart part, String text, String subtype) throws MessagingException {
        part.setText(text, UTF_8, subtype);
        // After setText, which clears it: with the header present, saveChanges() skips its own encoding probe.
        part.setHeader("Content-Transfer-Encoding", TransferEncoding.forUtf8Text(text));
    }

    private static void setQuietly(MimeMessage msg, String name, String value) {
        try {
            msg.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot set header " + name + " on a new message", e);
        }
    }
}
