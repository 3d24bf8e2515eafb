package io.mailstream.bounces.classify;

import io.mailstream.bounces.DeliveryStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the codes an MTA writes into free text: the SMTP reply code (RFC 5321 §4.2) and the
 * enhanced status code (RFC 3463) as in {@code 550 5.1.1 <a@b>: user unknown} or
 * {@code (#5.1.1)}, and normalises text for phrase matching.
 */
public final class DiagnosticText {
    private DiagnosticText() {
    }

    /**
     * The enhanced status ({@code class.subject.detail}, class 2/4/5, 1-3 digits each) that the
     * text reports: the last one written right after an SMTP reply code ("550 5.7.1", "550-'5.2.2",
     * "<421 4.4.2"), which is the remote server's own, else the first one. Parts of longer
     * dotted numbers (IP addresses, versions) do not count. Scanned from each '.' rather than
     * with a regex: it runs on every diagnostic.
     */
    public static Optional<DeliveryStatus> findStatus(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.toString();
        Optional<DeliveryStatus> first = Optional.empty();
        Optional<DeliveryStatus> afterReply = Optional.empty();
        int len = s.length();
        for (int dot = s.indexOf('.'); dot >= 0; dot = s.indexOf('.', dot + 1)) {
            int c = dot - 1;
            if (c < 0 || (s.charAt(c) != '2' && s.charAt(c) != '4' && s.charAt(c) != '5')) {
                continue;
            }
            if (c > 0 && (isDigit(s.charAt(c - 1)) || s.charAt(c - 1) == '.')) {
                continue;
            }
            int subjectEnd = digits(s, dot + 1, len);
            if (subjectEnd == dot + 1 || subjectEnd - dot - 1 > 3 || subjectEnd >= len || s.charAt(subjectEnd) != '.') {
                continue;
            }
            int detailEnd = digits(s, subjectEnd + 1, len);
            if (detailEnd == subjectEnd + 1 || detailEnd - subjectEnd - 1 > 3) {
                continue;
            }
            // not followed by more dotted digits ("5.1.1.2", "4.4.7.1")
            int k = detailEnd;
            while (k < len && (isDigit(s.charAt(k)) || s.charAt(k) == '.')) {
                k++;
            }
            boolean longer = false;
            for (int m = detailEnd; m < k; m++) {
                longer |= isDigit(s.charAt(m));
            }
            if (longer) {
                continue;
            }
            Optional<DeliveryStatus> st = DeliveryStatus.parse(s.substring(c, detailEnd));
            if (st.isPresent()) {
                if (first.isEmpty()) {
                    first = st;
                }
                if (followsReplyCode(s, c)) {
                    afterReply = st;
                }
            }
        }
        return afterReply.isPresent() ? afterReply : first;
    }

    /** Whether a 3-digit reply code ends just before {@code at}, separated by ' ', '-' and quotes. */
    private static boolean followsReplyCode(String s, int at) {
        int i = at - 1;
        while (i >= 0 && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
            i--;
        }
        if (i < 0 || (s.charAt(i) != ' ' && s.charAt(i) != '-')) {
            return false;
        }
        i--;
        return i >= 2 && isDigit(s.charAt(i)) && isDigit(s.charAt(i - 1)) && (s.charAt(i - 2) == '4' || s.charAt(i - 2) == '5'
                || s.charAt(i - 2) == '2') && (i < 3 || !isDigit(s.charAt(i - 3)));
    }

    /**
     * The first plausible SMTP reply code (4xx/5xx, second digit 0-5) in the text: at its start or
     * after a blank or one of {@code :;([#<>"'=}, and followed by a blank, '-' and more text, a
     * closing bracket or the end; or a field value ending in a comma ({@code ERROR_CODE :550,}):
     * Zoho Mail's reports list the remote server's reply as {@code <address> Invalid Address,
     * ERROR_CODE :550, ERROR_CODE :<remote text>} (format as described in the comments of Sisimai's
     * Lhost::Zoho decoder, rb-sisimai lib/sisimai/lhost/zoho.rb), so the code is the remote reply's.
     */
    public static OptionalInt findReplyCode(CharSequence text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String s = text.toString();
        int len = s.length();
        for (int i = 0; i + 2 < len; i++) {
            char c = s.charAt(i);
            if (c != '4' && c != '5') {
                continue;
            }
            if (i > 0 && !isReplyLead(s.charAt(i - 1))) {
                continue;
            }
            char d2 = s.charAt(i + 1);
            char d3 = s.charAt(i + 2);
            if (d2 < '0' || d2 > '5' || !isDigit(d3)) {
                continue;
            }
            int after = i + 3;
            boolean ok;
            if (after == len) {
                ok = true;
            } else {
                char a = s.charAt(after);
                ok = Character.isWhitespace(a) || a == ')' || a == ']'
                        || ((a == ' ' || a == '-') && after + 1 < len && !Character.isWhitespace(s.charAt(after + 1)))
                        || (a == ',' && i > 0 && s.charAt(i - 1) == ':');
            }
            if (ok) {
                return OptionalInt.of((c - '0') * 100 + (d2 - '0') * 10 + (d3 - '0'));
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isReplyLead(char c) {
        return Character.isWhitespace(c) || ":;([#<>\"'=".indexOf(c) >= 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int len) {
        int i = from;
        while (i < len && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Removes the reply-code prefixes that a multi-line SMTP reply (RFC 5321 §4.2.1) repeats on
     * every line ("550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: ..."), after the
     * first, so that phrases broken across lines read whole again. {@code text} is normalised.
     */
    static String withoutContinuationCodes(String text) {
        int first = continuation(text, 0);
        if (first < 0) {
            return text;
        }
        int end = text.indexOf(' ', first + 4);
        if (end < 0) {
            return text;
        }
        String code = text.substring(first, first + 3);
        StringBuilder sb = null;
        int copied = 0;
        for (int at = continuation(text, end); at >= 0; at = continuation(text, at + 1)) {
            if (!text.startsWith(code, at)) {
                continue;
            }
            int stop = text.indexOf(' ', at + 4);
            if (stop < 0) {
                break;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, copied, at);
            copied = stop + 1;
            at = stop;
        }
        return sb == null ? text : sb.append(text, copied, text.length()).toString();
    }

    /** Index of the next "ddd-d.d.d" or "ddd d.d.d" (reply code and status) at a word start, or -1. */
    private static int continuation(String t, int from) {
        int len = t.length();
        for (int i = from; i + 9 <= len; i++) {
            char c = t.charAt(i);
            if ((c != '4' && c != '5') || (i > 0 && t.charAt(i - 1) != ' ')) {
                continue;
            }
            if (isDigit(t.charAt(i + 1)) && isDigit(t.charAt(i + 2)) && (t.charAt(i + 3) == '-' || t.charAt(i + 3) == ' ')
                    && t.charAt(i + 4) == c && t.charAt(i + 5) == '.') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Control characters (0x7F-0x9F) and Unicode white space above ASCII. Every white space
     * character above 0x9F lies in U+1680-U+205F or is U+3000, so the CJK and other letters of
     * non-English bounces are passed by two comparisons, not a Unicode table look-up each.
     */
    private static boolean isBlankAbove127(char c) {
        return c <= 0x9F || c == 0x3000 || (c >= 0x1680 && c <= 0x205F && Character.isWhitespace(c));
    }

    /** Lower case (Locale.ROOT semantics for ASCII) with every run of white space made one blank. */
    public static String normalize(CharSequence text) {
        if (text == null) {
            return "";
        }
        // a char array, not a StringBuilder: the result is never longer than the text, and a builder's
        // append checks its capacity and coder for every character of every diagnostic
        int len = text.length();
        char[] out = new char[len];
        int n = 0;
        boolean blank = false;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || (c >= 127 && isBlankAbove127(c))) {
                blank = n > 0;
                continue;
            }
            if (blank) {
                out[n++] = ' ';
                blank = false;
            }
            out[n++] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
        }
        return new String(out, 0, n);
    }
}
