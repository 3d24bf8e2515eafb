package io.mailstream.schemas.ids;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who owns a message, a campaign and its templates: every API key belongs to one tenant, and the
 * API answers a tenant only about its own messages. Records written before tenants existed carry no
 * tenant ({@code null}) and belong to {@link #DEFAULT}, so single-tenant setups keep working.
 */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The tenant of keys and campaigns that name none. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a tenant id must be 1-64 of [A-Za-z0-9._-] starting with a letter or digit, was '"
                    + value + "'");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    /** The tenant an Avro record's {@code tenant} field names: {@link #DEFAULT} when null (older writers). */
    public static TenantId ofRecord(CharSequence recordValue) {
        return recordValue == null ? DEFAULT : new TenantId(recordValue.toString());
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    public String asString() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
