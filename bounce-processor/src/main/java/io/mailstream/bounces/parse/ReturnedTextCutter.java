package io.mailstream.bounces.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a plain-text bounce stops explaining and starts quoting the returned message
 * ("--- Below this line is a copy of the message.", a block of header fields ...), so that the
 * addresses and phrases of the original mail are not mistaken for the failure.
 */
final class ReturnedTextCutter {
    private static final Pattern MARKER = Pattern.compile(
            "(?im)^[ \\t>]*(?:-{2,}|={2,}|\\*{2,}|_{2,})?[ \\t]*(?:"
                    + "(?:this is a |a )?copy of (?:the |your )?(?:original )?message"
                    + "|below (?:this line )?is a copy of the message"
                    + "|(?:the )?original message (?:follows|headers|was)"
                    + "|original message"
                    + "|(?:the )?(?:returned|undelivered|unsent|undeliverable) message"
                    + "|(?:the )?(?:header|headers) of (?:the )?original message"
                    + "|message headers? follows?"
                    + "|unsent message below"
                    + "|content-type: message/rfc822"
                    + ")");
    private static final Pattern HEADER_DUMP = Pattern.compile(
            "(?im)^(?:received|return-path|dkim-signature|x-received|arc-seal|authentication-results|message-id|mime-version): ");

    private ReturnedTextCutter() {
    }

    static String cut(String text) {
        int end = text.length();
        Matcher m = MARKER.matcher(text);
        if (m.find() && m.start() > 0) {
            end = m.start();
        }
        Matcher h = HEADER_DUMP.matcher(text);
        if (h.find() && h.start() > 0 && h.start() < end) {
            end = h.start();
        }
        return text.substring(0, end);
    }
}
