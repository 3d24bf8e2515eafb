package io.mailstream.producer.launch;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.GuardHold;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An operator's release of the campaign guard's holds ({@code Campaign.guardHolds}): a released hold
 * gets {@code resumedAt} and stays in the record, so the bounce processor's guard, which brakes a
 * provider only when the campaign has no hold there, never brakes it twice.
 */
final class GuardReleases {
    private GuardReleases() {
    }

    /** The holds with every held one that paused the whole campaign released; empty when there is none. */
    static Optional<Map<String, GuardHold>> releaseWholeCampaign(Map<String, GuardHold> holds, Instant now) {
        if (holds == null || holds.values().stream().noneMatch(GuardReleases::pausesTheCampaign)) {
            return Optional.empty();
        }
        Map<String, GuardHold> out = new HashMap<>();
        holds.forEach((p, h) -> out.put(p, pausesTheCampaign(h) ? GuardHold.newBuilder(h).setResumedAt(now).build() : h));
        return Optional.of(out);
    }

    private static boolean pausesTheCampaign(GuardHold h) {
        return h.getWholeCampaign() && h.getResumedAt() == null;
    }

    /** The holds of {@code c} with the one at {@code provider} released. */
    static Map<String, GuardHold> release(Campaign c, String provider, Instant now) {
        Map<String, GuardHold> holds = c.getGuardHolds() == null ? Map.of() : c.getGuardHolds();
        GuardHold h = holds.get(provider);
        if (h == null || h.getResumedAt() != null) {
            Map<String, Boolean> held = new TreeMap<>();
            holds.forEach((p, x) -> held.put(p, x.getResumedAt() == null));
            throw new NoGuardHoldException(c.getId(), provider, held.entrySet().stream().filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey).toList());
        }
        if (h.getWholeCampaign()) {
            throw new NoGuardHoldException(c.getId(), provider, "the guard paused the whole campaign: resume it without --provider");
        }
        Map<String, GuardHold> out = new HashMap<>(holds);
        out.put(provider, GuardHold.newBuilder(h).setResumedAt(now).build());
        return out;
    }
}
