package io.mailstream.tracking.classify;

import java.util.Optional;

/**
 * What a tracking request is judged to be.
 *
 * @param machineReason why it counts as a machine ({@code user-agent}, {@code ip-class}, {@code too-soon}); empty for a person
 */
public record Verdict(ClientClass clientClass, IpClass ipClass, Optional<String> machineReason) {
    public boolean machine() {
        return machineReason.isPresent();
    }
}
