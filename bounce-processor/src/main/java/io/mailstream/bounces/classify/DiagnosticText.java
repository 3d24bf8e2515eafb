package io.mailstream.bounces.classify;

import io.mailstream.bounces.DeliveryStatus;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the codes an MTA writes into free text: the SMTP reply code (RFC 5321 §4.2) and the
 * enhanced status code (RFC 3463) as in {@code 550 5.1.1 <a@b>: user unknown} or
 * {@code (#5.1.1)}, and normalises text for phrase matching.
 */
public final class DiagnosticText {
    // A status is 2/4/5 . 1-3 digits . 1-3 digits not glued to other digits or dots (IP addresses, versions).
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    // A reply code starts the text or a line, or follows "said:", "host ... said", "#", "(", ": ".
    private static final Pattern REPLY = Pattern.compile(
            "(?:^|[\\s:;(\\[#<>\"'=])([45][0-5]\\d)(?:[ \\-](?=\\S)|$|[\\s)\\]])");

    private DiagnosticText() {
    }

    /** The first enhanced status in the text whose class agrees with the reply code, if any. */
    public static Optional<DeliveryStatus> findStatus(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = STATUS.matcher(text);
        while (m.find()) {
            Optional<DeliveryStatus> s = DeliveryStatus.parse(m.group());
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The first plausible SMTP reply code (4xx/5xx) in the text. */
    public static OptionalInt findReplyCode(CharSequence text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Matcher m = REPLY.matcher(text);
        if (m.find()) {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        }
        return OptionalInt.empty();
    }

    /** Lower case (Locale.ROOT semantics for ASCII) with every run of white space made one blank. */
    public static String normalize(CharSequence text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        boolean blank = false;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || (c >= 127 && (Character.isWhitespace(c) || Character.isISOControl(c)))) {
                blank = sb.length() > 0;
                continue;
            }
            if (blank) {
                sb.append(' ');
                blank = false;
            }
            sb.append(c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
