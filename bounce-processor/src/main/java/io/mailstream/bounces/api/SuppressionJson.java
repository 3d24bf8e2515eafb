package io.mailstream.bounces.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.avro.Suppression;
import io.mailstream.bounces.suppress.ManualSuppressions;
import java.time.Instant;

/** A suppression as the API shows it; {@code active} says whether it still suppresses now. */
final class SuppressionJson {
    private SuppressionJson() {
    }

    static ObjectNode of(ObjectMapper json, Suppression s, Instant now) {
        ObjectNode n = json.createObjectNode();
        n.put("address", s.getAddress());
        n.put("reason", s.getReason());
        n.put("source", s.getSource().name());
        n.put("firstSeen", s.getFirstSeen().toString());
        n.put("lastSeen", s.getLastSeen().toString());
        n.put("count", s.getCount());
        if (s.getExpiresAt() == null) {
            n.putNull("expiresAt");
        } else {
            n.put("expiresAt", s.getExpiresAt().toString());
        }
        n.put("active", ManualSuppressions.isActive(s, now));
        return n;
    }
}
