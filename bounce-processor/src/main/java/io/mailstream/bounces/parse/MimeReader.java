package io.mailstream.bounces.parse;

import io.mailstream.bounces.BounceLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a raw bounce into {@link MessageParts}: the report parts of a {@code multipart/report}
 * (RFC 3462), wherever they are nested, the returned headers and the human-readable text.
 *
 * <p>A purpose-built reader rather than Jakarta Mail: a bounce needs only the MIME structure
 * (RFC 2045 §5 Content-Type, §6 Content-Transfer-Encoding, RFC 2046 §5.1 multipart boundaries),
 * and Jakarta Mail's general parser (service lookups per header block, exceptions for every
 * malformed encoded word, a full copy per part) cost ten times the rest of the classification.
 * Line endings (LF, CRLF, lone CR) are normalised first; the message, each part and the MIME
 * tree are capped by {@link BounceLimits}. Never throws on malformed input; what it repairs or
 * skips goes to {@code problems}. Thread-safe.
 */
public final class MimeReader {
    private static final int MAX_DEPTH = 8;
    private static final int MAX_PARTS = 64;

    private final BounceLimits limits;

    public MimeReader(BounceLimits limits) {
        this.limits = limits;
    }

    /** Parses {@code raw}; malformed MIME is read as well as it can be, with problems noted. */
    public MessageParts read(byte[] raw, List<String> problems) {
        if (raw.length > limits.maxMessageBytes()) {
            problems.add("message of " + raw.length + " bytes read up to " + limits.maxMessageBytes() + " bytes");
        }
        // ISO-8859-1 maps every octet to one char: indices are byte offsets, and the octets of
        // any slice are recovered exactly for decoding with the part's own charset
        String s = LineEndings.normalize(new String(raw, 0, Math.min(raw.length, limits.maxMessageBytes()),
                StandardCharsets.ISO_8859_1));
        Collector c = new Collector(s, problems);
        int headerEnd = headerEnd(s, 0, s.length());
        HeaderFields top = HeaderFields.parseBlock(EncodedWords.decode(s.substring(0, headerEnd)));
        c.entity(top, bodyStart(s, headerEnd), s.length(), 0);
        return new MessageParts(top, c.deliveryStatus, c.feedbackReports,
                c.originalHeaders == null ? HeaderFields.empty() : c.originalHeaders, c.texts, problems);
    }

    /** End of the header block starting at {@code start}: the index of its blank line. */
    private static int headerEnd(String s, int start, int end) {
        if (start < end && s.charAt(start) == '\n') {
            return start;
        }
        int i = s.indexOf("\n\n", start);
        return i < 0 || i >= end ? end : i + 1;
    }

    private static int bodyStart(String s, int headerEnd) {
        return headerEnd < s.length() && s.charAt(headerEnd) == '\n' ? headerEnd + 1 : headerEnd;
    }

    private final class Collector {
        final String s;
        final List<String> problems;
        final List<String> deliveryStatus = new ArrayList<>(1);
        final List<String> feedbackReports = new ArrayList<>(0);
        final List<String> texts = new ArrayList<>(2);
        HeaderFields originalHeaders;
        int parts;
        /** Inside a multipart/alternative whose text/plain version was read: its HTML says the same. */
        boolean alternative;
        boolean plainRead;

        Collector(String s, List<String> problems) {
            this.s = s;
            this.problems = problems;
        }

        void entity(HeaderFields headers, int start, int end, int depth) {
            if (++parts > MAX_PARTS) {
                if (parts == MAX_PARTS + 1) {
                    problems.add("more than " + MAX_PARTS + " MIME parts; the rest were skipped");
                }
                return;
            }
            ContentType ct = ContentType.parse(headers.first("content-type").orElse(null));
            if (!headers.has("content-type")) {
                // some MTAs send a multipart body without the MIME header fields: look for a
                // delimiter line directly followed by a part's Content-Type
                String boundary = sniffBoundary(start, end);
                if (boundary != null) {
                    problems.add("multipart body without a Content-Type field; boundary found in the body");
                    ct = ContentType.parse("multipart/mixed; boundary=\"" + boundary + "\"");
                }
            }
            String type = ct.baseType();
            if (type.startsWith("multipart/")) {
                if (depth >= MAX_DEPTH) {
                    problems.add("MIME nesting deeper than " + MAX_DEPTH + " skipped");
                    return;
                }
                boolean outerAlternative = alternative;
                boolean outerPlainRead = plainRead;
                alternative = type.equals("multipart/alternative");
                plainRead = false;
                try {
                    if (!multipart(ct.parameter("boundary"), start, end, depth)) {
                        problems.add("broken multipart (no boundary found); read as text");
                        texts.add(text(headers, ct, start, end, null));
                    }
                } finally {
                    alternative = outerAlternative;
                    plainRead = outerPlainRead;
                }
                return;
            }
            switch (type) {
                // XWall (a gateway in front of Exchange) labels its report message/xdelivery-status; Perl's
                // Mail::DeliveryStatus::BounceParser (CPAN, p_xdelivery_status) reads it as the standard part
                case "message/delivery-status", "message/global-delivery-status", "message/xdelivery-status" ->
                        deliveryStatus.add(text(headers, ct, start, end, "UTF-8", limits.maxReportChars()));
                case "message/feedback-report" ->
                        feedbackReports.add(text(headers, ct, start, end, "UTF-8", limits.maxReportChars()));
                case "message/rfc822", "message/global" -> {
                    if (deliveryStatus.isEmpty() && depth < MAX_DEPTH && isForwardedReport(start, end)) {
                        // a bounce forwarding another bounce: the report inside is the one to read
                        int headerEnd = headerEnd(s, start, end);
                        HeaderFields inner = HeaderFields.parseBlock(s.substring(start, headerEnd));
                        entity(inner, Math.min(bodyStart(s, headerEnd), end), end, depth + 1);
                        return;
                    }
                    returned(headers, ct, type, start, end);
                }
                case "text/rfc822-headers", "message/rfc822-headers", "message/global-headers", "message/partial" ->
                        returned(headers, ct, type, start, end);
                case "text/html" -> {
                    if (!(alternative && plainRead)) {
                        texts.add(HtmlText.strip(text(headers, ct, start, end, null)));
                    }
                }
                default -> {
                    if (type.startsWith("text/") || type.isEmpty()) {
                        texts.add(text(headers, ct, start, end, null));
                        plainRead |= type.equals("text/plain");
                    }
                }
            }
        }

        private void returned(HeaderFields headers, ContentType ct, String type, int start, int end) {
            if (originalHeaders == null || (deliveryStatus.isEmpty() && type.startsWith("text/"))) {
                String returned = text(headers, ct, start, end, "UTF-8");
                if (originalHeaders == null) {
                    originalHeaders = HeaderFields.parseBlock(returned);
                }
                // some MTAs put the report text into the returned part; keep it for text rules
                if (deliveryStatus.isEmpty() && type.startsWith("text/")) {
                    texts.add(returned);
                }
            }
        }

        /** Whether the attached message is itself a delivery report (RFC 3462 multipart/report). */
        private boolean isForwardedReport(int start, int end) {
            int headerEnd = headerEnd(s, start, end);
            String ctype = HeaderFields.parseBlock(s.substring(start, headerEnd)).first("content-type").orElse("");
            ContentType inner = ContentType.parse(ctype);
            return inner.baseType().equals("multipart/report")
                    && "delivery-status".equalsIgnoreCase(inner.parameter("report-type"));
        }

        /** Splits a multipart body (RFC 2046 §5.1.1); false if no delimiter line was found. */
        private boolean multipart(String boundary, int start, int end, int depth) {
            if (boundary == null || boundary.isEmpty()) {
                return false;
            }
            String delimiter = "--" + boundary;
            int partStart = -1;
            boolean found = false;
            int pos = start;
            while (pos < end) {
                int at = s.indexOf(delimiter, pos);
                if (at < 0 || at >= end) {
                    break;
                }
                int lineEnd = s.indexOf('\n', at);
                if (lineEnd < 0 || lineEnd > end) {
                    lineEnd = end;
                }
                pos = lineEnd + 1;
                int lineStart = at;
                while (lineStart > start && (s.charAt(lineStart - 1) == ' ' || s.charAt(lineStart - 1) == '\t')) {
                    lineStart--; // tolerate indented delimiter lines, as some old MTAs write them
                }
                if (lineStart != start && s.charAt(lineStart - 1) != '\n') {
                    continue; // not at the start of a line
                }
                int after = at + delimiter.length();
                boolean close = s.startsWith("--", after);
                if (!isBlank(s, close ? after + 2 : after, lineEnd)) {
                    continue; // a longer boundary that merely starts with ours
                }
                found = true;
                if (partStart >= 0) {
                    part(partStart, Math.max(partStart, lineStart - 1), depth);
                }
                if (close) {
                    return true;
                }
                partStart = Math.min(pos, end);
            }
            if (partStart >= 0 && partStart < end) {
                problems.add("multipart without closing boundary; read to the end");
                part(partStart, end, depth);
            }
            return found;
        }

        private String sniffBoundary(int start, int end) {
            // only in the bounce's own text, not in a message it quotes below "copy of the message"
            int limit = start + ReturnedTextCutter.cut(s.substring(start, Math.min(end, start + 16 * 1024))).length();
            int candidates = 0;
            for (int at = s.indexOf("--", start); at >= 0 && at < limit; at = s.indexOf("--", at + 2)) {
                if (at != start && s.charAt(at - 1) != '\n') {
                    continue;
                }
                if (++candidates > 8) {
                    return null; // bounded work on odd input: a real boundary comes early
                }
                int eol = s.indexOf('\n', at);
                if (eol < 0 || eol >= end || eol - at < 3 || eol - at > 72) {
                    continue;
                }
                String token = s.substring(at + 2, eol).strip();
                if (token.indexOf(' ') >= 0) {
                    continue;
                }
                // one of its delimiter lines must open a part with a Content-Type field
                if (s.regionMatches(true, eol + 1, "content-type:", 0, 13)) {
                    return token;
                }
                String delimiter = "\n--" + token + "\n";
                for (int d = s.indexOf(delimiter, eol); d >= 0 && d < end; d = s.indexOf(delimiter, d + 1)) {
                    if (s.regionMatches(true, d + delimiter.length(), "content-type:", 0, 13)) {
                        return token;
                    }
                }
            }
            return null;
        }

        private void part(int start, int end, int depth) {
            int headerEnd = headerEnd(s, start, end);
            HeaderFields h = HeaderFields.parseBlock(s.substring(start, headerEnd));
            entity(h, Math.min(bodyStart(s, headerEnd), end), end, depth + 1);
        }

        private String text(HeaderFields headers, ContentType ct, int start, int end, String defaultCharset) {
            return text(headers, ct, start, end, defaultCharset, limits.maxPartChars());
        }

        private String text(HeaderFields headers, ContentType ct, int start, int end, String defaultCharset, int max) {
            String encoding = headers.first("content-transfer-encoding").orElse("").strip().toLowerCase(Locale.ROOT);
            String charset = ct.parameter("charset");
            String charsetName = charset != null ? charset : defaultCharset;
            if (!encoding.equals("base64") && !encoding.equals("quoted-printable") && end - start <= max
                    && isPlainAscii(s, start, end) && TextDecoding.isAsciiCompatible(charsetName)) {
                // the common case, a 7bit ASCII part: its chars are already the decoded text, so
                // skip the round trip through bytes and a charset decoder
                return s.substring(start, end);
            }
            TransferDecoding.Result body = TransferDecoding.decode(s, start, end, encoding, max);
            if (body.broken()) {
                problems.add("undecodable " + encoding + " part body; read raw");
            }
            if (body.truncated()) {
                problems.add("part of type " + ct.baseType() + " read up to " + max + " bytes");
            }
            return TextDecoding.decode(body.bytes(), charsetName, problems);
        }
    }

    /** Whether {@code s[from, to)} is 7-bit text without ESC (which would start an ISO-2022 shift). */
    private static boolean isPlainAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0x1B) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
