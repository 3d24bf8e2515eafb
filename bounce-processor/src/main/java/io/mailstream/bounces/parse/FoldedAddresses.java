package io.mailstream.bounces.parse;

/**
 * Rejoins the bracketed addresses of a text bounce that a line break split: reports wrapped at a
 * fixed width and folded fields (RFC 5322 §2.2.3) cut long addresses, and the first half alone
 * would read as an address of its own, a wrong one (issue 16).
 */
final class FoldedAddresses {
    private FoldedAddresses() {
    }

    /**
     * {@code text} with the addresses in angle brackets that a line break split rejoined
     * ("&lt;a.very.long.name@mail.exam\n    ple.org&gt;": reports wrapped at a fixed width, folded
     * fields): without it the first half would read as an address of its own, a wrong one. Only
     * bracketed addresses are rejoined: there the closing '&gt;' shows where the address ends.
     */
    static String join(String text) {
        StringBuilder out = null;
        int copied = 0;
        int len = text.length();
        for (int open = text.indexOf('<'); open >= 0; open = text.indexOf('<', open + 1)) {
            // one bounded pass: address characters, exactly one line break (with its indentation), '>'
            int limit = Math.min(len, open + 300);
            int breakAt = -1;
            int resume = -1;
            boolean at = false;
            int close = -1;
            for (int i = open + 1; i < limit; i++) {
                char c = text.charAt(i);
                if (c == '>') {
                    close = i;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    if (breakAt >= 0 || i == open + 1) {
                        break;
                    }
                    breakAt = i;
                    if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    while (i + 1 < limit && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                        i++;
                    }
                    resume = i + 1;
                    continue;
                }
                if (!isAddressChar(c)) {
                    break;
                }
                at |= c == '@';
            }
            if (close < 0 || breakAt < 0 || !at || resume >= close) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(len);
            }
            out.append(text, copied, breakAt);
            copied = resume;
            open = close;
        }
        return out == null ? text : out.append(text, copied, len).toString();
    }

    private static boolean isAddressChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".-_+@=".indexOf(c) >= 0;
    }
}
