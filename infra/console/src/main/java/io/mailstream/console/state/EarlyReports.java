package io.mailstream.console.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports (complaints, relays' bounces and delay notices) read before any delivery event of their message:
 * the console reads {@code mail.bounces.raw} and {@code mail.delivery-events} side by side, from the beginning
 * at every start, so a DSN often comes first. Held by message id, in the order read, until the message's
 * delivery event arrives, so they count as if read after it (as the bounce processor's statistics and
 * {@code campaign status} count). Bounded: the oldest held message is forgotten first; reports about
 * messages the console never reads (transactional mail, messages it forgot) leave that way.
 */
final class EarlyReports {
    static final int MAX_HELD_MESSAGES = 100_000;

    private final Map<String, List<BounceNotice>> held;

    EarlyReports(int maxHeldMessages) {
        this.held = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<BounceNotice>> eldest) {
                return size() > maxHeldMessages;
            }
        };
    }

    void hold(String messageId, BounceNotice notice) {
        held.computeIfAbsent(messageId, id -> new ArrayList<>(1)).add(notice);
    }

    /** The reports held for {@code messageId}, oldest first; none are held for it afterwards. */
    List<BounceNotice> release(String messageId) {
        List<BounceNotice> out = held.remove(messageId);
        return out == null ? List.of() : out;
    }

    int size() {
        return held.size();
    }
}
