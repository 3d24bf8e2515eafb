package io.mailstream.dispatcher.sending;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that each sending IP's EHLO name is what its reverse DNS says: the PTR of the IP
 * names it, and the name resolves back to the IP (forward-confirmed reverse DNS, which Gmail and
 * Yahoo require of bulk senders). A mismatch or a missing PTR is logged as a warning, never a
 * refusal to start: DNS may be fixed later, and a dispatcher inside a network without public DNS
 * must still run. When DNS does not answer, the IP is reported as not checked.
 */
public final class EhloNameCheck {
    private static final Logger LOG = LoggerFactory.getLogger(EhloNameCheck.class);

    /** What the check found for one sending IP. */
    public sealed interface Finding {
        InetAddress address();

        String ehloName();

        /** The PTR names the EHLO name, and the name resolves back to the IP. */
        record Confirmed(InetAddress address, String ehloName) implements Finding {
        }

        /** The PTR names other hosts (or the EHLO name does not resolve back to the IP). */
        record Mismatch(InetAddress address, String ehloName, String detail) implements Finding {
        }

        /** The IP has no PTR record at all. */
        record NoPtr(InetAddress address, String ehloName) implements Finding {
        }

        /** DNS did not answer: nothing known. */
        record NotChecked(InetAddress address, String ehloName, String reason) implements Finding {
        }
    }

    private final PtrLookup dns;

    public EhloNameCheck(PtrLookup dns) {
        this.dns = dns;
    }

    /**
     * Runs the check of {@code pools} on a virtual thread of its own that ends when the check does
     * (at most a few DNS timeouts per IP), so that a slow or unreachable resolver never delays the
     * dispatcher's start. Nothing to do without sending pools: the operating system picks the IP.
     */
    public static void startInBackground(SendingPools pools, String defaultEhloName, java.util.function.Supplier<PtrLookup> dns) {
        if (pools.pools().isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("ehlo-ptr-check").start(() -> {
            try {
                new EhloNameCheck(dns.get()).check(pools.identities(defaultEhloName));
            } catch (RuntimeException e) {
                LOG.info("EHLO names of the sending IPs not checked against reverse DNS: {}", e.getMessage());
            }
        });
    }

    /** Checks every address of {@code identities} (IP → EHLO name), logs what it found and returns it. */
    public List<Finding> check(Map<InetAddress, String> identities) {
        List<Finding> out = new ArrayList<>();
        identities.forEach((address, ehlo) -> out.add(log(check(address, ehlo))));
        return out;
    }

    Finding check(InetAddress address, String ehlo) {
        return switch (dns.ptr(address)) {
            case PtrLookup.Answer.Unknown u -> new Finding.NotChecked(address, ehlo, u.reason());
            case PtrLookup.Answer.None n -> new Finding.NoPtr(address, ehlo);
            case PtrLookup.Answer.Names names when !names.names().contains(ehlo) ->
                    new Finding.Mismatch(address, ehlo, "its PTR names " + String.join(", ", names.names()));
            case PtrLookup.Answer.Names names -> forward(address, ehlo);
        };
    }

    private Finding forward(InetAddress address, String ehlo) {
        return switch (dns.addresses(ehlo)) {
            case PtrLookup.Answer.Unknown u -> new Finding.NotChecked(address, ehlo, "PTR matches; forward lookup: " + u.reason());
            case PtrLookup.Answer.Names a when a.names().contains(address.getHostAddress()) -> new Finding.Confirmed(address, ehlo);
            case PtrLookup.Answer.Names a -> new Finding.Mismatch(address, ehlo, ehlo + " resolves to " + String.join(", ", a.names())
                    + ", not back to the IP");
            case PtrLookup.Answer.None n -> new Finding.Mismatch(address, ehlo, ehlo + " has no A/AAAA record, so it does not "
                    + "resolve back to the IP");
        };
    }

    private static Finding log(Finding f) {
        String ip = f.address().getHostAddress();
        switch (f) {
            case Finding.Confirmed c -> LOG.info("Sending IP {} announces EHLO {}, which its reverse DNS confirms", ip, c.ehloName());
            case Finding.Mismatch m -> LOG.warn("Sending IP {} announces EHLO {} but {}: receivers that check forward-confirmed "
                    + "reverse DNS (Gmail, Yahoo) may reject or junk its mail; set its PTR or its EHLO name (--sending-pool "
                    + "NAME=IP/EHLO-NAME)", ip, m.ehloName(), m.detail());
            case Finding.NoPtr n -> LOG.warn("Sending IP {} has no PTR record (it announces EHLO {}): receivers that check reverse "
                    + "DNS may reject its mail; ask the IP's owner for a PTR naming {}", ip, n.ehloName(), n.ehloName());
            case Finding.NotChecked n -> LOG.info("EHLO name {} of sending IP {} not checked against reverse DNS: {}", n.ehloName(),
                    ip, n.reason());
        }
        return f;
    }
}
