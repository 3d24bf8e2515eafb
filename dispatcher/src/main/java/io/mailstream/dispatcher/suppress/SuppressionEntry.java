package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the dispatcher keeps of one address's suppression: per part only its source, scope,
 * expiry and a short reason (for the delivery event), not the Avro record with its history. A
 * record written before parts existed is one part made of its top-level fields.
 *
 * <p>Encoded as: a format byte, the part count, then per part the source ordinal, the expiry in
 * epoch millis ({@link #PERMANENT} for none), and the reason and scope as length-prefixed UTF-8
 * (length 0 scope = every list). A typical entry is about 25 bytes.
 */
public record SuppressionEntry(List<Part> parts) {
    static final long PERMANENT = Long.MAX_VALUE;
    private static final byte FORMAT = 1;
    /** Reasons are for people reading a delivery event; a manual entry's essay is cut here. */
    static final int MAX_REASON_CHARS = 120;
    private static final int MAX_PARTS = 255;
    private static final SuppressionSource[] SOURCES = SuppressionSource.values();

    /** One source; {@code scope} is empty except for an unsubscribe from one list. */
    public record Part(SuppressionSource source, long expiresAtMillis, String reason, String scope) {
        public Part {
            reason = reason == null ? "" : reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
            scope = scope == null ? "" : scope;
        }

        boolean activeAt(long nowMillis) {
            return expiresAtMillis > nowMillis;
        }

        Suppressed toSuppressed() {
            return new Suppressed(source, reason, scope.isEmpty() ? Optional.empty() : Optional.of(scope),
                    expiresAtMillis == PERMANENT ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiresAtMillis)));
        }
    }

    public SuppressionEntry {
        parts = List.copyOf(parts);
    }

    public static SuppressionEntry fromAvro(Suppression s) {
        List<Part> parts = new ArrayList<>();
        if (s.getParts() == null || s.getParts().isEmpty()) {
            parts.add(new Part(s.getSource(), millis(s.getExpiresAt()), s.getReason(), ""));
        } else {
            for (SuppressionPart p : s.getParts()) {
                String scope = p.getSource() == SuppressionSource.UNSUBSCRIBE ? p.getScope() : null;
                parts.add(new Part(p.getSource(), millis(p.getExpiresAt()), p.getReason(), scope));
            }
        }
        if (parts.size() > MAX_PARTS) {
            // Hundreds of lists unsubscribed one by one: one unscoped unsubscribe says the same, more strictly.
            Part anyUnsubscribe = parts.stream().filter(p -> p.source() == SuppressionSource.UNSUBSCRIBE).findFirst().orElseThrow();
            parts.removeIf(p -> p.source() == SuppressionSource.UNSUBSCRIBE);
            parts.add(new Part(SuppressionSource.UNSUBSCRIBE, anyUnsubscribe.expiresAtMillis(), anyUnsubscribe.reason(), ""));
        }
        return new SuppressionEntry(parts);
    }

    /**
     * The part that blocks mail of {@code kind} from list {@code listId} at {@code nowMillis}, if
     * any (see {@link SuppressionStore#find}). A blocking part other than an unsubscribe is
     * preferred, so the reason shown is the one that also holds for other lists.
     */
    public Optional<Suppressed> blocking(MessageKind kind, Optional<String> listId, UnsubscribeScope unsubscribes,
                                         long nowMillis) {
        Part unsubscribe = null;
        for (Part p : parts) {
            if (!p.activeAt(nowMillis)) {
                continue;
            }
            if (p.source() != SuppressionSource.UNSUBSCRIBE) {
                return Optional.of(p.toSuppressed());
            }
            if (unsubscribe == null && kind == MessageKind.CAMPAIGN && reaches(p, listId, unsubscribes)) {
                unsubscribe = p;
            }
        }
        return unsubscribe == null ? Optional.empty() : Optional.of(unsubscribe.toSuppressed());
    }

    /**
     * As {@link #blocking} on an encoded entry, reading only what it needs and building nothing
     * unless a part blocks: the lookup every message makes, mostly on entries that do not block it.
     *
     * @param list the list id as UTF-8, or null for none
     * @throws IllegalArgumentException if the bytes are not an encoded entry
     */
    static Optional<Suppressed> blocking(byte[] encoded, int length, MessageKind kind, byte[] list,
                                         UnsubscribeScope unsubscribes, long nowMillis) {
        if (length < 2 || encoded[0] != FORMAT) {
            throw new IllegalArgumentException("unknown suppression entry format");
        }
        ByteBuffer b = ByteBuffer.wrap(encoded, 0, length);
        int n = b.get(1) & 0xff;
        int pos = 2;
        int unsubscribeAt = -1;
        try {
            for (int i = 0; i < n; i++) {
                int partAt = pos;
                int source = encoded[pos];
                long expires = b.getLong(pos + 1);
                int reasonLength = b.getShort(pos + 9) & 0xffff;
                int scopeAt = pos + 11 + reasonLength;
                int scopeLength = b.getShort(scopeAt) & 0xffff;
                pos = scopeAt + 2 + scopeLength;
                if (pos > length) {
                    throw new IllegalArgumentException("truncated suppression entry");
                }
                if (expires <= nowMillis) {
                    continue;
                }
                if (SOURCES[source] != SuppressionSource.UNSUBSCRIBE) {
                    return Optional.of(partAt(b, partAt).toSuppressed());
                }
                if (unsubscribeAt < 0 && kind == MessageKind.CAMPAIGN && (unsubscribes == UnsubscribeScope.GLOBAL
                        || scopeLength == 0 || list == null
                        || java.util.Arrays.equals(encoded, scopeAt + 2, pos, list, 0, list.length))) {
                    unsubscribeAt = partAt;
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated suppression entry", e);
        }
        return unsubscribeAt < 0 ? Optional.empty() : Optional.of(partAt(b, unsubscribeAt).toSuppressed());
    }

    private static Part partAt(ByteBuffer b, int at) {
        ByteBuffer p = b.duplicate().position(at);
        SuppressionSource source = SOURCES[p.get()];
        long expires = p.getLong();
        String reason = string(p);
        return new Part(source, expires, reason, string(p));
    }

    private static boolean reaches(Part unsubscribe, Optional<String> listId, UnsubscribeScope unsubscribes) {
        return unsubscribes == UnsubscribeScope.GLOBAL || unsubscribe.scope().isEmpty() || listId.isEmpty()
                || listId.get().equals(unsubscribe.scope());
    }

    public byte[] encode() {
        List<byte[]> reasons = new ArrayList<>(parts.size());
        List<byte[]> scopes = new ArrayList<>(parts.size());
        int size = 2;
        for (Part p : parts) {
            byte[] r = p.reason().getBytes(StandardCharsets.UTF_8);
            byte[] s = p.scope().getBytes(StandardCharsets.UTF_8);
            reasons.add(r);
            scopes.add(s);
            size += 1 + Long.BYTES + 2 + r.length + 2 + s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT).put((byte) parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            b.put((byte) p.source().ordinal()).putLong(p.expiresAtMillis());
            b.putShort((short) reasons.get(i).length).put(reasons.get(i));
            b.putShort((short) scopes.get(i).length).put(scopes.get(i));
        }
        return b.array();
    }

    /** @throws IllegalArgumentException if {@code bytes} is not an encoded entry */
    public static SuppressionEntry decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != FORMAT) {
                throw new IllegalArgumentException("unknown suppression entry format " + bytes[0]);
            }
            int n = b.get() & 0xff;
            List<Part> parts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                SuppressionSource source = SOURCES[b.get()];
                long expires = b.getLong();
                String reason = string(b);
                parts.add(new Part(source, expires, reason, string(b)));
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " trailing bytes");
            }
            return new SuppressionEntry(parts);
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException("truncated suppression entry", e);
        }
    }

    private static String string(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static long millis(Instant at) {
        return at == null ? PERMANENT : at.toEpochMilli();
    }
}
