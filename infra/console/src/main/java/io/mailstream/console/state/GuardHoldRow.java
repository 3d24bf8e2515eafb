package io.mailstream.console.state;

import java.time.Instant;
import java.util.Optional;

/**
 * A brake the bounce processor's campaign guard put on a campaign at one mailbox provider (the
 * campaign record's {@code guardHolds}): why, and whether an operator resumed it.
 *
 * @param count complaints or hard bounces at the provider when decided; {@code base} delivered or attempted messages
 */
public record GuardHoldRow(String provider, String rule, double rate, double line, long count, long base,
                           boolean wholeCampaign, Instant decidedAt, Optional<Instant> resumedAt) {
    public boolean held() {
        return resumedAt.isEmpty();
    }
}
