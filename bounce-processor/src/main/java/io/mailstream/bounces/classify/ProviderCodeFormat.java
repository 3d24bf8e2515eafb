package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.List;
import java.util.Optional;

/**
 * A provider's error code that is a format rather than a fixed phrase (Orange's {@code OFR006_102},
 * {@code LPN105_104}: a prefix, the server's number, then the code that carries the meaning). The phrase
 * automaton finds one of its {@link #anchors()}; only then is {@link #reasonIn(String)} run on the text, so
 * texts without the anchor pay nothing. Decisive like {@link ProviderCodeRules}, and switched off with its
 * family for the leave-one-family-out evaluation.
 */
interface ProviderCodeFormat {
    /** The provider that writes the codes. */
    MtaFamily family();

    /** Lower-case literals one of which every code of the format contains. */
    List<String> anchors();

    /** The reason the code in the normalised (lower-case) text names, if the text holds one. */
    Optional<BounceReason> reasonIn(String text);

    /** A short name for evidence and logs, e.g. {@code orange_laposte/blocked}. */
    default String name(BounceReason reason) {
        return family().name().toLowerCase(java.util.Locale.ROOT) + "/" + reason.sisimaiName();
    }
}
