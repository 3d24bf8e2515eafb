package io.mailstream.bounces.parse;

import io.mailstream.bounces.BounceLimits;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads a raw bounce with Jakarta Mail into {@link MessageParts}: the report parts of a
 * {@code multipart/report} (RFC 3462), wherever they are nested, the returned headers and the
 * human-readable text. Line endings (LF, CRLF, lone CR) are normalised first; the message, each
 * part and the MIME tree are capped by {@link BounceLimits}. Thread-safe.
 */
public final class MimeReader {
    private static final int MAX_DEPTH = 8;
    private static final int MAX_PARTS = 64;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader for every header
        // block it parses, which costs more than the parse. Naming the provider Angus registers
        // anyway short-cuts the lookup; a value set by the application is left alone.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final BounceLimits limits;

    public MimeReader(BounceLimits limits) {
        this.limits = limits;
    }

    /** Parses {@code raw}; throws only {@link MessagingException}/{@link IOException} for unreadable MIME. */
    public MessageParts read(byte[] raw, List<String> problems) throws MessagingException, IOException {
        byte[] bytes = LineEndings.normalize(raw, limits.maxMessageBytes());
        if (raw.length > limits.maxMessageBytes()) {
            problems.add("message of " + raw.length + " bytes read up to " + limits.maxMessageBytes() + " bytes");
        }
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        Collector c = new Collector(problems);
        c.walk(message, 0);
        return new MessageParts(topHeaders(message), c.deliveryStatus, c.feedbackReports,
                c.originalHeaders == null ? HeaderFields.empty() : c.originalHeaders, c.texts, problems);
    }

    private static HeaderFields topHeaders(MimeMessage message) throws MessagingException {
        StringBuilder sb = new StringBuilder(1024);
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            sb.append(lines.nextElement()).append('\n');
        }
        return HeaderFields.parseBlock(decodeWords(sb.toString()));
    }

    private static String decodeWords(String s) {
        if (s.indexOf("=?") < 0) {
            return s;
        }
        try {
            return MimeUtility.decodeText(s);
        } catch (IOException | RuntimeException e) {
            return s;
        }
    }

    private final class Collector {
        final List<String> problems;
        final List<String> deliveryStatus = new ArrayList<>(1);
        final List<String> feedbackReports = new ArrayList<>(0);
        final List<String> texts = new ArrayList<>(2);
        HeaderFields originalHeaders;
        int parts;

        Collector(List<String> problems) {
            this.problems = problems;
        }

        void walk(Part part, int depth) throws MessagingException, IOException {
            if (++parts > MAX_PARTS) {
                if (parts == MAX_PARTS + 1) {
                    problems.add("more than " + MAX_PARTS + " MIME parts; the rest were skipped");
                }
                return;
            }
            String type = baseType(part);
            if (type.startsWith("multipart/")) {
                if (depth >= MAX_DEPTH) {
                    problems.add("MIME nesting deeper than " + MAX_DEPTH + " skipped");
                    return;
                }
                Multipart mp;
                try {
                    mp = new MimeMultipart(part.getDataHandler().getDataSource());
                    int count = mp.getCount();
                    for (int i = 0; i < count; i++) {
                        BodyPart child = mp.getBodyPart(i);
                        walk(child, depth + 1);
                    }
                } catch (MessagingException e) {
                    problems.add("broken multipart (" + e.getMessage() + "); read as text");
                    texts.add(text(part, null));
                }
                return;
            }
            switch (type) {
                case "message/delivery-status", "message/global-delivery-status" ->
                        deliveryStatus.add(text(part, "UTF-8"));
                case "message/feedback-report" -> feedbackReports.add(text(part, "UTF-8"));
                case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers",
                     "message/global-headers", "message/partial" -> {
                    String returned = text(part, "UTF-8");
                    if (originalHeaders == null) {
                        originalHeaders = HeaderFields.parseBlock(returned);
                    }
                    // some MTAs put the report text into the returned part; keep it for text rules
                    if (deliveryStatus.isEmpty() && type.startsWith("text/")) {
                        texts.add(returned);
                    }
                }
                case "text/html" -> texts.add(HtmlText.strip(text(part, null)));
                default -> {
                    if (type.startsWith("text/") || type.isEmpty()) {
                        texts.add(text(part, null));
                    }
                }
            }
        }

        private String text(Part part, String defaultCharset) throws MessagingException, IOException {
            boolean[] truncated = new boolean[1];
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = TextDecoding.readCapped(in, limits.maxPartChars(), truncated);
            } catch (IOException | MessagingException e) {
                // a broken transfer encoding: fall back to the raw octets, which is what humans would read
                problems.add("undecodable part body (" + e.getMessage() + "); read raw");
                try (InputStream in = rawStream(part)) {
                    bytes = in == null ? new byte[0] : TextDecoding.readCapped(in, limits.maxPartChars(), truncated);
                }
            }
            if (truncated[0]) {
                problems.add("part of type " + baseType(part) + " read up to " + limits.maxPartChars() + " bytes");
            }
            return TextDecoding.decode(bytes, charset(part, defaultCharset), problems);
        }
    }

    private static InputStream rawStream(Part part) throws MessagingException {
        if (part instanceof jakarta.mail.internet.MimeBodyPart bp) {
            return bp.getRawInputStream();
        }
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        return null;
    }

    static String baseType(Part part) {
        String raw;
        try {
            raw = part.getContentType();
        } catch (MessagingException e) {
            return "";
        }
        if (raw == null) {
            return "text/plain";
        }
        int semi = raw.indexOf(';');
        return (semi < 0 ? raw : raw.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static String charset(Part part, String defaultCharset) {
        try {
            String raw = part.getContentType();
            if (raw != null) {
                String cs = new ContentType(raw).getParameter("charset");
                if (cs != null) {
                    return cs;
                }
            }
        } catch (MessagingException e) {
            // an unparseable Content-Type has no usable charset: use the default
        }
        return defaultCharset;
    }
}
