package io.mailstream.webhooks.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON receivers get: a batch is an array of events, each
 * {@code {"id","type","occurredAt","messageId","campaignId","tenant","recipient","data":{...}}}; absent
 * values are left out.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static byte[] batch(List<WebhookEvent> events) {
        ArrayNode array = MAPPER.createArrayNode();
        for (WebhookEvent e : events) {
            array.add(node(e));
        }
        return write(array);
    }

    public static byte[] event(WebhookEvent e) {
        return write(node(e));
    }

    private static ObjectNode node(WebhookEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("type", e.type());
        n.put("occurredAt", e.occurredAt().toString());
        if (e.messageId() != null) {
            n.put("messageId", e.messageId());
        }
        if (e.campaignId() != null) {
            n.put("campaignId", e.campaignId());
        }
        n.put("tenant", e.tenant());
        if (e.recipient() != null) {
            n.put("recipient", e.recipient());
        }
        ObjectNode data = n.putObject("data");
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            data.set(a.getKey(), MAPPER.valueToTree(a.getValue()));
        }
        return n;
    }

    private static byte[] write(Object node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
