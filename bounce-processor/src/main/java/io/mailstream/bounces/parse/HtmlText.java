package io.mailstream.bounces.parse;

/** Turns an HTML bounce body into plain text good enough for phrase and address matching. */
final class HtmlText {
    private HtmlText() {
    }

    static String strip(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        int len = html.length();
        int i = 0;
        while (i < len) {
            // outside a tag the text is copied a run at a time, up to the next '<' that opens one
            int open = html.indexOf('<', i);
            while (open >= 0 && !opensTag(html, open)) {
                open = html.indexOf('<', open + 1);
            }
            if (open < 0) {
                sb.append(html, i, len);
                break;
            }
            sb.append(html, i, open).append(' ');
            // inside a tag nothing is kept but a blank for each '<' that opens another one
            i = open + 1;
            while (i < len && html.charAt(i) != '>') {
                if (html.charAt(i) == '<' && opensTag(html, i)) {
                    sb.append(' ');
                }
                i++;
            }
            i++;
        }
        String out = sb.toString();
        if (out.indexOf('&') < 0) {
            return out;
        }
        return out.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
                .replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }

    /** A '<' followed by a letter, '/' or '!' opens a tag; any other '<' is text ("a <b" or "<3"). */
    private static boolean opensTag(String html, int at) {
        if (at + 1 >= html.length()) {
            return false;
        }
        char next = html.charAt(at + 1);
        return Character.isLetter(next) || next == '/' || next == '!';
    }
}
