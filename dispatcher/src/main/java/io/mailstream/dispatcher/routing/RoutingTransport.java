package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.pool.DestinationUnavailableException;
import io.mailstream.dispatcher.pool.PoolKey;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.sending.SendingPools;
import io.mailstream.dispatcher.sending.SourceAddresses;
import io.mailstream.dispatcher.smtp.MailTransport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread-safe {@link MailTransport} that sends each message to the destinations its
 * {@link Router} picks for the recipient's domain (the smart host, an override, or the MX hosts),
 * over connections of a shared {@link SmtpConnectionPool}, bound to a source address of the
 * message's sending pool. It moves on to the next destination when one cannot be reached without
 * a reply (refused, timed out, TLS required but not offered), or when the pool does not try it
 * (its host's circuit is open, or every connection to it stayed busy): RFC 5321 §5.1 asks to try
 * the next MX. A reply (2xx, 4xx, 5xx) is the answer and ends the attempt. DNS permanent failures
 * bounce with 550 5.1.2 (hostunknown) or, for a null MX, 556 5.1.10 (RFC 7505 §4.2); everything
 * else that fails defers, never bounces.
 */
public final class RoutingTransport implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(RoutingTransport.class);

    private final Router router;
    private final SmtpConnectionPool pool;
    private final SourceAddresses sources;

    public RoutingTransport(Router router, SmtpConnectionPool pool, SourceAddresses sources) {
        this.router = router;
        this.pool = pool;
        this.sources = sources;
    }

    /** Without sending pools: the operating system picks the source address. */
    public RoutingTransport(Router router, SmtpConnectionPool pool) {
        this(router, pool, new SourceAddresses(SendingPools.none()));
    }

    @Override
    public DeliveryOutcome send(RenderedMessage message) {
        Routing routing = router.route(message.recipient().domain());
        if (routing instanceof Routing.Unroutable u) {
            int code = "5.1.10".equals(u.enhancedStatus()) ? 556 : 550;
            return new DeliveryOutcome.Bounced(SmtpReply.of(code, u.enhancedStatus() + " " + u.reason()), null);
        }
        if (routing instanceof Routing.TryLater t) {
            DeliveryOutcome deferred = DeliveryOutcome.Deferred.noReply(t.reason(), null);
            return t.tlsPolicy().map(p -> deferred.withTlsPolicy(p.description())).orElse(deferred);
        }
        Routing.Destinations destinations = (Routing.Destinations) routing;
        DeliveryOutcome outcome = attempt(destinations, message);
        if (destinations.tlsPolicy().isEmpty()) {
            return outcome;
        }
        Routing.TlsPolicyInForce policy = destinations.tlsPolicy().get();
        if (policy.mtaStsEnforced() && outcome instanceof DeliveryOutcome.Deferred d && d.smtpReply().isEmpty()) {
            // Say why TLS was insisted on: the receiving domain asked for it, and a failing certificate defers for that reason.
            outcome = new DeliveryOutcome.Deferred(d.smtpReply(), policy.description() + " requires TLS with a certificate"
                    + " valid for the MX host: " + d.reason(), d.host(), d.tlsPolicy(), d.sentFrom());
        }
        return outcome.withTlsPolicy(policy.description());
    }

    private DeliveryOutcome attempt(Routing.Destinations routing, RenderedMessage message) {
        DeliveryOutcome last = null;
        List<String> notTried = new ArrayList<>();
        for (Destination d : routing.destinations()) {
            PoolKey key = key(d, message);
            DeliveryOutcome outcome;
            try {
                outcome = pool.send(key, message);
            } catch (DestinationUnavailableException e) {
                notTried.add(e.getMessage());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeliveryOutcome.Deferred.noReply("interrupted while waiting for a connection to " + d, d.host());
            }
            if (!(outcome instanceof DeliveryOutcome.Deferred deferred) || deferred.smtpReply().isPresent()) {
                return outcome;
            }
            log.debug("{} unreachable for {} ({}); trying the next destination", d, message.messageId(), deferred.reason());
            last = outcome;
        }
        if (last == null) {
            return DeliveryOutcome.Deferred.noReply("no destination for " + message.recipient().domain()
                    + " was tried: " + String.join("; ", notTried), null);
        }
        return last;
    }

    private PoolKey key(Destination d, RenderedMessage message) {
        Optional<InetAddress> source = sources.pick(message, d.host(),
                a -> pool.openConnections(new PoolKey(d.route(), d.security(), Optional.of(a))));
        return new PoolKey(d.route(), d.security(), source);
    }

    /** Closes the pool's idle connections; busy ones close as they are given back. */
    @Override
    public void close() {
        pool.close();
    }
}
