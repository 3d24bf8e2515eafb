package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an SMTP outcome as a pacing signal: a reply that means "you are sending too fast" (421,
 * RFC 5321 §4.2.3 "service not available, closing"; 450/451 with an RFC 3463 {@code 4.7.x}
 * policy status; texts providers use for rate limits), a success, or neither (a bounce for a bad
 * address says nothing about our pace, nor does a dead port: that is the circuit breaker's job).
 */
public final class SlowDownSignals {
    private static final List<String> PHRASES = List.of("rate limit", "rate-limit", "ratelimit", "try again later",
            "too many connections", "too many messages", "too many concurrent", "throttl", "slow down", "temporarily deferred");

    public enum Signal { SLOW_DOWN, SUCCESS, NEUTRAL }

    private SlowDownSignals() {
    }

    public static Signal of(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return Signal.SUCCESS;
        }
        if (outcome instanceof DeliveryOutcome.Deferred d) {
            Optional<SmtpReply> reply = d.smtpReply();
            return reply.isPresent() && isSlowDown(reply.get()) ? Signal.SLOW_DOWN : Signal.NEUTRAL;
        }
        return Signal.NEUTRAL;
    }

    static boolean isSlowDown(SmtpReply reply) {
        if (!reply.isTransient()) {
            return false;
        }
        if (reply.code() == 421) {
            return true;
        }
        if ((reply.code() == 450 || reply.code() == 451) && reply.enhancedStatus().map(s -> s.startsWith("4.7.")).orElse(false)) {
            return true;
        }
        String text = reply.text().toLowerCase(Locale.ROOT);
        return PHRASES.stream().anyMatch(text::contains);
    }
}
