package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.schemas.address.Domain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one DNS resolver (dnsjava {@link SimpleResolver}) directly, so that the response code is
 * seen as it is: NXDOMAIN is permanent (hostunknown), SERVFAIL and timeouts are temporary, which
 * dnsjava's {@code Lookup} would blur together. Implements RFC 5321 §5.1 (MX, else the implicit MX
 * of the domain's own A/AAAA records) and RFC 7505 (null MX). No caching: see {@link CachingMxResolver}.
 */
public final class DnsMxResolver implements MxResolver {
    private static final Logger log = LoggerFactory.getLogger(DnsMxResolver.class);

    private final Resolver resolver;
    private final DnsSettings settings;

    public DnsMxResolver(DnsSettings settings) {
        this.settings = settings;
        try {
            SimpleResolver r = settings.resolver().isPresent() ? new SimpleResolver(settings.resolver().get())
                    : new SimpleResolver();
            r.setTimeout(settings.timeout());
            this.resolver = r;
        } catch (UnknownHostException e) {
            throw new InvalidConfigException("dns.resolver", "no resolver found: " + e.getMessage());
        }
    }

    @Override
    public MxResolution resolveMx(Domain domain) {
        Answer mx = query(domain.asString(), Type.MX);
        if (mx.temporaryFailure() != null) {
            return new MxResolution.TemporaryFailure("MX lookup for " + domain + ": " + mx.temporaryFailure());
        }
        if (mx.rcode() == Rcode.NXDOMAIN) {
            return new MxResolution.NoSuchDomain("domain " + domain + " does not exist (NXDOMAIN)", mx.negativeTtl());
        }
        List<MxHost> hosts = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        boolean nullMx = false;
        for (Record r : mx.records()) {
            if (r instanceof MXRecord m) {
                ttl = Math.min(ttl, m.getTTL());
                if (m.getTarget().equals(Name.root)) {
                    nullMx = true;
                } else {
                    hosts.add(new MxHost(m.getTarget().toString(), m.getPriority()));
                }
            }
        }
        if (nullMx && hosts.isEmpty()) {
            return new MxResolution.NullMx(cap(ttl));
        }
        if (nullMx) {
            // RFC 7505 §3: a null MX must be the only MX; with others beside it the domain is broken, not mail-less.
            log.debug("{} publishes a null MX next to other MX records; ignoring the null MX", domain);
        }
        if (!hosts.isEmpty()) {
            return new MxResolution.Hosts(hosts, false, cap(ttl));
        }
        // RFC 5321 §5.1: no MX records, so the domain itself is the implicit MX if it has an address.
        AddressResolution own = resolveAddresses(domain.asString());
        if (own instanceof AddressResolution.Addresses a) {
            return new MxResolution.Hosts(List.of(new MxHost(domain.asString(), 0)), true, min(a.ttl(), mx.negativeTtl()));
        }
        if (own instanceof AddressResolution.NoAddress n) {
            return new MxResolution.NoSuchDomain("domain " + domain + " has neither MX nor address records", n.ttl());
        }
        return new MxResolution.TemporaryFailure(((AddressResolution.TemporaryFailure) own).reason());
    }

    @Override
    public AddressResolution resolveAddresses(String host) {
        Answer a = query(host, Type.A);
        if (a.temporaryFailure() != null) {
            return new AddressResolution.TemporaryFailure("A lookup for " + host + ": " + a.temporaryFailure());
        }
        if (a.rcode() == Rcode.NXDOMAIN) {
            return new AddressResolution.NoAddress("host " + host + " does not exist (NXDOMAIN)", a.negativeTtl());
        }
        Answer aaaa = query(host, Type.AAAA);
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (Record r : a.records()) {
            if (r instanceof ARecord x) {
                addresses.add(x.getAddress());
                ttl = Math.min(ttl, x.getTTL());
            }
        }
        // IPv4 first: most senders' reputation (and most receivers' allow-lists) is built on it.
        if (aaaa.temporaryFailure() == null) {
            for (Record r : aaaa.records()) {
                if (r instanceof AAAARecord x) {
                    addresses.add(x.getAddress());
                    ttl = Math.min(ttl, x.getTTL());
                }
            }
        } else if (addresses.isEmpty()) {
            return new AddressResolution.TemporaryFailure("AAAA lookup for " + host + ": " + aaaa.temporaryFailure());
        }
        if (addresses.isEmpty()) {
            return new AddressResolution.NoAddress("host " + host + " has no A or AAAA records", a.negativeTtl());
        }
        return new AddressResolution.Addresses(addresses, cap(ttl));
    }

    /** One DNS response, or why there is none. */
    private record Answer(int rcode, List<Record> records, Duration negativeTtl, String temporaryFailure) {
    }

    private Answer query(String name, int type) {
        Message response;
        try {
            Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
            response = resolver.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
        } catch (TextParseException e) {
            return new Answer(Rcode.NXDOMAIN, List.of(), settings.negativeTtl(), null);
        } catch (IOException e) {
            return new Answer(-1, List.of(), Duration.ZERO, "no answer from DNS: " + e);
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new Answer(rcode, List.of(), Duration.ZERO, "DNS answered " + Rcode.string(rcode));
        }
        return new Answer(rcode, response.getSection(Section.ANSWER), negativeTtl(response), null);
    }

    // RFC 2308 §5: a negative answer is cached for min(SOA TTL, SOA MINIMUM).
    private Duration negativeTtl(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) {
                return cap(Math.min(soa.getTTL(), soa.getMinimum()));
            }
        }
        return min(settings.negativeTtl(), settings.maxTtl());
    }

    private Duration cap(long ttlSeconds) {
        return min(Duration.ofSeconds(ttlSeconds), settings.maxTtl());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
