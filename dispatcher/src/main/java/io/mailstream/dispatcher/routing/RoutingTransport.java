package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MailTransport} that sends each message to the destinations its {@link Router} picks for
 * the recipient's domain, moving on to the next when one cannot be reached without a reply
 * (refused, timed out, TLS required but not offered): RFC 5321 §5.1 asks to try the next MX. A
 * reply (2xx, 4xx, 5xx) is the answer and ends the attempt. DNS permanent failures bounce with
 * 550 5.1.2 (hostunknown) or, for a null MX, 556 5.1.10 (RFC 7505 §4.2); transient ones defer.
 * A destination that could not be reached is skipped for a while ({@link UnreachableDestinations}).
 * Keeps one connection per destination it has used, at most {@code maxOpen} of them: the least
 * recently used is closed when another is needed, so direct delivery to many domains does not hold
 * a socket per MX host forever. The consume engine's pool is meant to replace this map. Not
 * thread-safe, like every transport.
 */
public final class RoutingTransport implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(RoutingTransport.class);

    public static final int DEFAULT_MAX_OPEN_CONNECTIONS = 32;

    private final Router router;
    private final Function<Destination, MailTransport> connect;
    private final UnreachableDestinations unreachable;
    private final Map<Destination, MailTransport> connections;

    public RoutingTransport(Router router, Function<Destination, MailTransport> connect) {
        this(router, connect, DEFAULT_MAX_OPEN_CONNECTIONS,
                new UnreachableDestinations(Clock.systemUTC(), UnreachableDestinations.DEFAULT_RETRY_AFTER));
    }

    public RoutingTransport(Router router, Function<Destination, MailTransport> connect, int maxOpen,
                            UnreachableDestinations unreachable) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be positive, was " + maxOpen);
        }
        this.router = router;
        this.connect = connect;
        this.unreachable = unreachable;
        this.connections = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Destination, MailTransport> eldest) {
                if (size() > maxOpen) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    /** Connects with {@link SmtpConnection}s using the EHLO name and timeouts of {@code smtp}. */
    public static RoutingTransport smtp(Router router, SmtpSettings smtp) {
        return smtp(router, smtp, Clock.systemUTC());
    }

    /** As {@link #smtp(Router, SmtpSettings)}; unreachable destinations are skipped for a minute of {@code clock}. */
    public static RoutingTransport smtp(Router router, SmtpSettings smtp, Clock clock) {
        return new RoutingTransport(router, d -> new SmtpConnection(
                new SmtpSettings(d.route(), smtp.ehloName(), smtp.connectTimeout(), smtp.readTimeout()), d.security()),
                DEFAULT_MAX_OPEN_CONNECTIONS, new UnreachableDestinations(clock, UnreachableDestinations.DEFAULT_RETRY_AFTER));
    }

    @Override
    public DeliveryOutcome send(RenderedMessage message) {
        Routing routing = router.route(message.recipient().domain());
        if (routing instanceof Routing.Unroutable u) {
            int code = "5.1.10".equals(u.enhancedStatus()) ? 556 : 550;
            return new DeliveryOutcome.Bounced(SmtpReply.of(code, u.enhancedStatus() + " " + u.reason()), null);
        }
        if (routing instanceof Routing.TryLater t) {
            return DeliveryOutcome.Deferred.noReply(t.reason(), null);
        }
        DeliveryOutcome last = null;
        int skipped = 0;
        for (Destination d : ((Routing.Destinations) routing).destinations()) {
            if (unreachable.isUnreachable(d)) {
                skipped++;
                continue;
            }
            DeliveryOutcome outcome = connections.computeIfAbsent(d, connect).send(message);
            if (!(outcome instanceof DeliveryOutcome.Deferred deferred) || deferred.smtpReply().isPresent()) {
                unreachable.markReachable(d);
                return outcome;
            }
            log.debug("{} unreachable for {} ({}); trying the next destination", d, message.messageId(), deferred.reason());
            unreachable.markUnreachable(d);
            last = outcome;
        }
        if (last == null) {
            return DeliveryOutcome.Deferred.noReply("all " + skipped + " destination(s) for "
                    + message.recipient().domain() + " were unreachable moments ago; not retrying them yet", null);
        }
        return last;
    }

    @Override
    public void close() {
        connections.values().forEach(MailTransport::close);
        connections.clear();
    }
}
