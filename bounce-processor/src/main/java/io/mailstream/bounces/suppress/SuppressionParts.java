package io.mailstream.bounces.suppress;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every source that suppresses one address, at most one part per {@link PartKind} and, for
 * unsubscribes, per list ({@link Part#scope()}): an unsubscribe from one list never widens or
 * replaces one from another. A part only
 * ever gets stronger by merging (permanent beats temporary, a later expiry beats an earlier one),
 * so a weaker event never replaces or shortens a stronger one; time removes only the parts whose
 * own expiry has passed, and the address is free only when no part is left.
 *
 * <p>On the wire this is one {@link Suppression} record: {@code parts} holds the parts and the
 * top-level fields summarise the strongest one (permanent if any part is, else until the last
 * expiry), so a reader that knows only the top-level fields suppresses exactly as long as this does.
 */
public record SuppressionParts(List<Part> parts) {

    /**
     * One reason to suppress; {@code expiresAtMillis} null = permanent. Times are epoch millis.
     * {@code scope} is the list an unsubscribe came from (null: every list); other kinds are global,
     * so their scope is always null.
     */
    public record Part(PartKind kind, String reason, long firstSeenMillis, long lastSeenMillis, int count,
                       Long expiresAtMillis, String scope) {
        public Part {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            if (scope != null && (kind != PartKind.UNSUBSCRIBE || scope.isEmpty())) {
                throw new IllegalArgumentException("only an unsubscribe has a scope, and it is a list id; was " + kind + " '" + scope + "'");
            }
            if (kind == PartKind.SOFT_BOUNCE && expiresAtMillis == null) {
                throw new IllegalArgumentException("a soft-bounce part always ends: expiresAt is required");
            }
            if (kind == PartKind.HARD_BOUNCE && expiresAtMillis != null) {
                throw new IllegalArgumentException("a hard-bounce part is permanent: expiresAt must be null");
            }
        }

        /** A global part (every list). */
        public Part(PartKind kind, String reason, long firstSeenMillis, long lastSeenMillis, int count, Long expiresAtMillis) {
            this(kind, reason, firstSeenMillis, lastSeenMillis, count, expiresAtMillis, null);
        }

        public static Part of(PartKind kind, String reason, Instant at, Instant expiresAt) {
            return of(kind, reason, at, expiresAt, null);
        }

        /** @param scope the list an unsubscribe came from, null for every list */
        public static Part of(PartKind kind, String reason, Instant at, Instant expiresAt, String scope) {
            return new Part(kind, reason, at.toEpochMilli(), at.toEpochMilli(), 1,
                    expiresAt == null ? null : expiresAt.toEpochMilli(), scope);
        }

        /** Parts of one kind and scope are one fact, merged; another scope is another part. */
        Key key() {
            return new Key(kind, scope);
        }

        boolean permanent() {
            return expiresAtMillis == null;
        }

        boolean endedBy(long nowMillis) {
            return expiresAtMillis != null && expiresAtMillis <= nowMillis;
        }

        /** The same fact learnt twice (a re-read record): the union, counts not added. */
        Part union(Part other) {
            return combine(other, Math.max(count, other.count));
        }

        /** Another occurrence (one more failure): counted. */
        Part plusOccurrence(Part other) {
            return combine(other, count + other.count);
        }

        private Part combine(Part other, int newCount) {
            Long expiry = permanent() || other.permanent() ? null : Math.max(expiresAtMillis, other.expiresAtMillis);
            String latestReason = other.lastSeenMillis >= lastSeenMillis ? other.reason : reason;
            return new Part(kind, latestReason, Math.min(firstSeenMillis, other.firstSeenMillis),
                    Math.max(lastSeenMillis, other.lastSeenMillis), newCount, expiry, scope);
        }
    }

    /** What makes two parts the same fact: the kind, and for an unsubscribe its list. */
    record Key(PartKind kind, String scope) {
    }

    /** In kind order, an unsubscribe from every list before those from one list, lists by name. */
    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::kind)
            .thenComparing(Key::scope, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static final Comparator<Part> STRONGEST_FIRST = Comparator
            .comparing((Part p) -> !p.permanent())
            .thenComparing(Part::kind)
            .thenComparing(p -> p.permanent() ? 0L : -p.expiresAtMillis());

    public SuppressionParts {
        Map<Key, Part> byKey = new TreeMap<>(KEY_ORDER);
        for (Part p : parts) {
            byKey.merge(p.key(), p, Part::union);
        }
        parts = List.copyOf(byKey.values()); // in key order: equal sets compare equal
    }

    public static SuppressionParts none() {
        return new SuppressionParts(List.of());
    }

    public static SuppressionParts of(Part part) {
        return new SuppressionParts(List.of(part));
    }

    /** The parts of a record; a record written before parts existed is one part made of its top-level fields. */
    public static SuppressionParts fromAvro(Suppression s) {
        if (s == null) {
            return none();
        }
        List<Part> parts = new ArrayList<>();
        if (s.getParts() == null || s.getParts().isEmpty()) {
            parts.add(new Part(PartKind.of(s.getSource(), s.getExpiresAt() != null), s.getReason(),
                    s.getFirstSeen().toEpochMilli(), s.getLastSeen().toEpochMilli(), s.getCount(), millis(s.getExpiresAt())));
        } else {
            for (SuppressionPart p : s.getParts()) {
                PartKind kind = PartKind.of(p.getSource(), p.getExpiresAt() != null);
                String scope = kind == PartKind.UNSUBSCRIBE && p.getScope() != null && !p.getScope().isEmpty() ? p.getScope() : null;
                parts.add(new Part(kind, p.getReason(), p.getFirstSeen().toEpochMilli(), p.getLastSeen().toEpochMilli(),
                        p.getCount(), millis(p.getExpiresAt()), scope));
            }
        }
        return new SuppressionParts(parts);
    }

    /** The record for {@code normalizedAddress}; top-level fields from the strongest part. */
    public Suppression toAvro(String normalizedAddress) {
        Part strongest = strongest().orElseThrow(() -> new IllegalStateException("nothing suppresses " + normalizedAddress));
        List<SuppressionPart> avroParts = new ArrayList<>(parts.size());
        for (Part p : parts) {
            avroParts.add(SuppressionPart.newBuilder()
                    .setSource(p.kind().source())
                    .setReason(p.reason())
                    .setFirstSeen(Instant.ofEpochMilli(p.firstSeenMillis()))
                    .setLastSeen(Instant.ofEpochMilli(p.lastSeenMillis()))
                    .setCount(p.count())
                    .setExpiresAt(p.expiresAtMillis() == null ? null : Instant.ofEpochMilli(p.expiresAtMillis()))
                    .setScope(p.scope())
                    .build());
        }
        return Suppression.newBuilder()
                .setAddress(normalizedAddress)
                .setReason(strongest.reason())
                .setSource(strongest.kind().source())
                .setFirstSeen(Instant.ofEpochMilli(parts.stream().mapToLong(Part::firstSeenMillis).min().orElseThrow()))
                .setLastSeen(Instant.ofEpochMilli(parts.stream().mapToLong(Part::lastSeenMillis).max().orElseThrow()))
                .setCount(strongest.count())
                .setExpiresAt(strongest.permanent() ? null : Instant.ofEpochMilli(strongest.expiresAtMillis()))
                .setParts(avroParts)
                .build();
    }

    /** The part the top-level fields show: a permanent one if any (complaint before hard bounce before ...), else the latest to end. */
    public Optional<Part> strongest() {
        return parts.stream().min(STRONGEST_FIRST);
    }

    /** These parts with one more occurrence of {@code event} (a failure counted into its kind). */
    public SuppressionParts plusOccurrence(Part event) {
        List<Part> next = new ArrayList<>(parts.size() + 1);
        boolean merged = false;
        for (Part p : parts) {
            if (p.key().equals(event.key())) {
                next.add(p.plusOccurrence(event));
                merged = true;
            } else {
                next.add(p);
            }
        }
        if (!merged) {
            next.add(event);
        }
        return new SuppressionParts(next);
    }

    /** The union with {@code other}: every part of either, each kind at its strongest. */
    public SuppressionParts union(SuppressionParts other) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new SuppressionParts(all);
    }

    /** Without the parts whose own expiry is at or before {@code nowMillis}. */
    public SuppressionParts expiredAt(long nowMillis) {
        return new SuppressionParts(parts.stream().filter(p -> !p.endedBy(nowMillis)).toList());
    }

    public Optional<Part> part(PartKind kind) {
        return parts.stream().filter(p -> p.kind() == kind).findFirst();
    }

    /** A hard bounce or complaint: suppressed for good and for every kind of mail. */
    public boolean suppressedForGood() {
        return parts.stream().anyMatch(p -> p.kind().isGlobalAndPermanent());
    }

    public boolean nothingLeft() {
        return parts.isEmpty();
    }

    /** The expiries of the temporary parts, soonest first. */
    public List<Long> expiries() {
        return parts.stream().map(Part::expiresAtMillis).filter(Objects::nonNull).sorted().toList();
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }
}
