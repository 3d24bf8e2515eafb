package io.mailstream.dispatcher.suppress;

import io.mailstream.schemas.address.EmailAddress;
import java.util.Locale;

/** The key an address is stored under: its normalised form. */
final class SuppressionKeys {
    private SuppressionKeys() {
    }

    // Keys are written normalised by the bounce processor; normalising again guards manual entries.
    static String normalize(String key) {
        try {
            return EmailAddress.parse(key).normalized();
        } catch (RuntimeException e) {
            return key.strip().toLowerCase(Locale.ROOT);
        }
    }
}
