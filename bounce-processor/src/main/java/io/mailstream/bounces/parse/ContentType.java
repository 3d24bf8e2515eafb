package io.mailstream.bounces.parse;

import java.util.Locale;

/**
 * A parsed {@code Content-Type} field (RFC 2045 §5.1): the lower-cased {@code type/subtype} and
 * its parameters. A missing field is {@code text/plain} (RFC 2045 §5.2); an unparseable one has
 * an empty base type.
 */
record ContentType(String baseType, String params) {
    private static final ContentType DEFAULT = new ContentType("text/plain", "");

    static ContentType parse(String value) {
        if (value == null) {
            return DEFAULT;
        }
        int semi = value.indexOf(';');
        String base = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        if (base.indexOf('/') < 0) {
            base = "";
        }
        return new ContentType(base, semi < 0 ? "" : value.substring(semi + 1));
    }

    /** The value of parameter {@code name} (lower case), unquoted; null if absent. */
    String parameter(String name) {
        String p = params;
        int i = 0;
        int len = p.length();
        while (i < len) {
            while (i < len && (p.charAt(i) == ' ' || p.charAt(i) == '\t' || p.charAt(i) == ';')) {
                i++;
            }
            int eq = p.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String key = p.substring(i, eq).strip();
            int v = eq + 1;
            while (v < len && (p.charAt(v) == ' ' || p.charAt(v) == '\t')) {
                v++;
            }
            String val;
            int next;
            if (v < len && p.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                while (j < len && p.charAt(j) != '"') {
                    if (p.charAt(j) == '\\' && j + 1 < len) {
                        j++;
                    }
                    sb.append(p.charAt(j++));
                }
                val = sb.toString();
                int semi = p.indexOf(';', j);
                next = semi < 0 ? len : semi + 1;
            } else {
                int semi = p.indexOf(';', v);
                next = semi < 0 ? len : semi + 1;
                val = p.substring(v, semi < 0 ? len : semi).strip();
            }
            if (key.equalsIgnoreCase(name)) {
                return val;
            }
            i = next;
        }
        return null;
    }
}
