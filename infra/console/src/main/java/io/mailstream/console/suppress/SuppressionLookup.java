package io.mailstream.console.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the suppression API answered about one address.
 *
 * @param entry the API's JSON for the address (reason, source, firstSeen, parts…); empty when it is not suppressed
 */
public record SuppressionLookup(String address, Optional<JsonNode> entry) {
    public String field(String name) {
        return entry.map(e -> e.path(name).asText("")).orElse("");
    }
}
