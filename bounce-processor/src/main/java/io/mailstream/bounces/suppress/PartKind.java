package io.mailstream.bounces.suppress;

import io.mailstream.avro.SuppressionSource;

/**
 * Why an address is suppressed, one kind per part of a suppression record, strongest first:
 * the order decides which part the record's top-level fields show. A hard bounce and a
 * soft-bounce window are both {@link SuppressionSource#BOUNCE} on the wire, told apart by the
 * expiry (a soft window always ends, a hard bounce never does), so readers that know only the four
 * sources read every record.
 */
public enum PartKind {
    COMPLAINT(SuppressionSource.COMPLAINT),
    HARD_BOUNCE(SuppressionSource.BOUNCE),
    UNSUBSCRIBE(SuppressionSource.UNSUBSCRIBE),
    MANUAL(SuppressionSource.MANUAL),
    SOFT_BOUNCE(SuppressionSource.BOUNCE);

    private final SuppressionSource source;

    PartKind(SuppressionSource source) {
        this.source = source;
    }

    public SuppressionSource source() {
        return source;
    }

    /** The kind of a part written with {@code source}; {@code temporary} tells a soft-bounce window from a hard bounce. */
    public static PartKind of(SuppressionSource source, boolean temporary) {
        return switch (source) {
            case BOUNCE -> temporary ? SOFT_BOUNCE : HARD_BOUNCE;
            case COMPLAINT -> COMPLAINT;
            case UNSUBSCRIBE -> UNSUBSCRIBE;
            case MANUAL -> MANUAL;
        };
    }

    /** Hard bounces and complaints hold for every kind of mail and are never lifted by time. */
    public boolean isGlobalAndPermanent() {
        return this == COMPLAINT || this == HARD_BOUNCE;
    }
}
