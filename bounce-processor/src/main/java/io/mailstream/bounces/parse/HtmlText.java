package io.mailstream.bounces.parse;

/** Turns an HTML bounce body into plain text good enough for phrase and address matching. */
final class HtmlText {
    private HtmlText() {
    }

    static String strip(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<' && i + 1 < html.length() && (Character.isLetter(html.charAt(i + 1))
                    || html.charAt(i + 1) == '/' || html.charAt(i + 1) == '!')) {
                inTag = true;
                sb.append(' ');
            } else if (c == '>' && inTag) {
                inTag = false;
            } else if (!inTag) {
                sb.append(c);
            }
        }
        String out = sb.toString();
        if (out.indexOf('&') < 0) {
            return out;
        }
        return out.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
                .replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }
}
