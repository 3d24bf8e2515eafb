package io.mailstream.console.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One destination domain as the console shows it: its provider (the site its mail is routed to),
 * what its messages came to, the last SMTP reply, and the adaptive throttle state the dispatchers
 * share in {@code mail.throttle-state} for its routing target.
 *
 * @param rateFactor   the AIMD factor applied to the policy's rate (1.0 = full rate); empty when no dispatcher slowed it
 * @param suspendedUntil no mail before this instant (the circuit is open until then)
 * @param destinations the names the dispatchers may know its destination by, from its MX hosts among others
 */
public record DomainRow(String domain, String provider, long delivered, long deferred, long bounced,
                        Optional<String> lastReply, Optional<Instant> lastReplyAt, Optional<Double> rateFactor,
                        Optional<Instant> suspendedUntil, List<ReasonCount> topDeferrals, List<ReasonCount> topBounces,
                        DestinationNames destinations) {

    /** A reply text and how often it was seen. */
    public record ReasonCount(String reason, long count) {
    }

    public String circuit(Instant now) {
        return suspendedUntil.filter(until -> until.isAfter(now)).isPresent() ? "open" : "closed";
    }

    /** "slowed" when a dispatcher lowered the rate, "suspended" while the circuit is open, else "normal". */
    public String adaptive(Instant now) {
        if ("open".equals(circuit(now))) {
            return "suspended";
        }
        return rateFactor.filter(f -> f < 1.0).isPresent() ? "slowed" : "normal";
    }

    public double bounceRate() {
        return CampaignRow.ratio(bounced, delivered + bounced);
    }
}
