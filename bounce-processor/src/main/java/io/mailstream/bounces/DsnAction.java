package io.mailstream.bounces;

import java.util.Locale;
import java.util.Optional;

/** The {@code Action} of a per-recipient DSN field group (RFC 3464 §2.3.3). */
public enum DsnAction {
    FAILED,
    DELAYED,
    DELIVERED,
    RELAYED,
    EXPANDED;

    /** Parses an action value, ignoring case and trailing comments ("failed (bad address)"). */
    public static Optional<DsnAction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        int cut = 0;
        while (cut < v.length() && Character.isLetter(v.charAt(cut))) {
            cut++;
        }
        return switch (v.substring(0, cut)) {
            case "failed", "failure" -> Optional.of(FAILED);
            case "delayed", "expired" -> Optional.of(DELAYED);
            case "delivered", "deliverable" -> Optional.of(DELIVERED);
            case "relayed" -> Optional.of(RELAYED);
            case "expanded" -> Optional.of(EXPANDED);
            default -> Optional.empty();
        };
    }

    /** Whether the action reports success towards the recipient (RFC 3464 §2.3.3). */
    public boolean isPositive() {
        return this == DELIVERED || this == RELAYED || this == EXPANDED;
    }
}
