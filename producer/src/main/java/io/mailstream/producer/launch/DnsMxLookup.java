package io.mailstream.producer.launch;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.sites.MxLookup;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The MX hosts of a domain from one DNS resolver (dnsjava {@link SimpleResolver}, asked directly so
 * that the response code is seen as it is), most preferred first (RFC 5321 §5.1). A domain that does
 * not exist (NXDOMAIN), has no MX or publishes a null MX (RFC 7505) has no MX hosts: it is routed as
 * itself, and the dispatcher decides what to do with its mail. A SERVFAIL, a refusal or a time-out is
 * a {@link MxLookupException} naming the domain, the resolver and the answer: the site resolver then
 * routes the domain as itself and says why.
 */
public final class DnsMxLookup implements MxLookup {
    private final SimpleResolver resolver;
    private final String resolverName;

    public DnsMxLookup(MxLookupSettings settings) {
        try {
            this.resolver = settings.resolver().isPresent() ? resolverAt(settings.resolver().get()) : new SimpleResolver();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--dns-resolver " + settings.resolver().orElse("(system)")
                    + ": no such resolver (" + e.getMessage() + ")", e);
        }
        resolver.setTimeout(settings.timeout());
        this.resolverName = resolver.getAddress().toString();
    }

    private static SimpleResolver resolverAt(String hostPort) throws UnknownHostException {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.indexOf(':') != colon) { // a bare host, or an IPv6 literal without a port
            return new SimpleResolver(hostPort);
        }
        String port = hostPort.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("--dns-resolver " + hostPort + ": the port must be 1..65535");
        }
        SimpleResolver r = new SimpleResolver(hostPort.substring(0, colon));
        r.setPort(Integer.parseInt(port));
        return r;
    }

    @Override
    public List<String> mxHosts(Domain domain) throws MxLookupException {
        Message response;
        try {
            Name name = Name.fromString(domain.asString(), Name.root);
            response = resolver.send(Message.newQuery(Record.newRecord(name, Type.MX, DClass.IN)));
        } catch (TextParseException e) {
            throw new MxLookupException(domain, resolverName, "not a DNS name: " + e.getMessage());
        } catch (IOException e) {
            throw new MxLookupException(domain, resolverName, "no answer (" + e.getMessage() + ")");
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new MxLookupException(domain, resolverName, "answered " + Rcode.string(rcode));
        }
        return response.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof MXRecord m && !m.getTarget().equals(Name.root))
                .map(r -> (MXRecord) r)
                .sorted(Comparator.comparingInt(MXRecord::getPriority))
                .map(m -> m.getTarget().toString(true).toLowerCase(Locale.ROOT))
                .toList();
    }

    /** A domain's MX hosts could not be learnt: the resolver failed or did not answer in time. */
    public static final class MxLookupException extends Exception {
        private final Domain domain;

        MxLookupException(Domain domain, String resolver, String what) {
            super("MX lookup of " + domain.asString() + " at " + resolver + ": " + what);
            this.domain = domain;
        }

        public Domain domain() {
            return domain;
        }
    }
}
