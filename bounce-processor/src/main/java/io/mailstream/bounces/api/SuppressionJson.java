package io.mailstream.bounces.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.avro.Suppression;
import io.mailstream.bounces.suppress.ManualSuppressions;
import io.mailstream.bounces.suppress.SuppressionParts;
import java.time.Instant;

/** A suppression as the API shows it; {@code active} says whether it still suppresses now, {@code parts} every source. */
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
        ArrayNode parts = n.putArray("parts");
        for (SuppressionParts.Part p : SuppressionParts.fromAvro(s).parts()) {
            ObjectNode part = parts.addObject();
            part.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
            part.put("reason", p.reason());
            part.put("count", p.count());
            part.put("lastSeen", Instant.ofEpochMilli(p.lastSeenMillis()).toString());
            if (p.expiresAtMillis() == null) {
                part.putNull("expiresAt");
            } else {
                part.put("expiresAt", Instant.ofEpochMilli(p.expiresAtMillis()).toString());
            }
        }
        return n;
    }
}
