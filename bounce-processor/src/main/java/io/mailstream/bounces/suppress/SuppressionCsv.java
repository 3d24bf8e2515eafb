package io.mailstream.bounces.suppress;

import io.mailstream.avro.Suppression;

/** The CSV export format of suppressions (RFC 4180), shared by {@code suppress export} and the REST export. */
public final class SuppressionCsv {
    public static final String HEADER = "address,source,reason,first_seen,last_seen,count,expires_at";

    private SuppressionCsv() {
    }

    /** One row, without line terminator. */
    public static String line(String address, Suppression s) {
        return String.join(",", quoted(address), s.getSource().name(), quoted(s.getReason()),
                s.getFirstSeen().toString(), s.getLastSeen().toString(), String.valueOf(s.getCount()),
                s.getExpiresAt() == null ? "" : s.getExpiresAt().toString());
    }

    /** RFC 4180 quoting where needed. */
    static String quoted(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
