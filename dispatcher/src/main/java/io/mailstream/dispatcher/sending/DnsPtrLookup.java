package io.mailstream.dispatcher.sending;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.routing.DnsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@link PtrLookup} over the dispatcher's DNS resolver ({@code dns.resolver}, {@code dns.timeout}), with dnsjava. */
public final class DnsPtrLookup implements PtrLookup {
    private final SimpleResolver resolver;

    public DnsPtrLookup(DnsSettings settings) {
        try {
            resolver = settings.resolver().isPresent() ? new SimpleResolver(settings.resolver().get()) : new SimpleResolver();
            resolver.setTimeout(settings.timeout());
        } catch (UnknownHostException e) {
            throw new InvalidConfigException("dns.resolver", "no resolver found: " + e.getMessage());
        }
    }

    @Override
    public Answer ptr(InetAddress address) {
        return query(ReverseMap.fromAddress(address), Type.PTR);
    }

    @Override
    public Answer addresses(String name) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Answer.None();
        }
        Answer a = query(qname, Type.A);
        Answer aaaa = query(qname, Type.AAAA);
        List<String> all = new ArrayList<>();
        for (Answer x : List.of(a, aaaa)) {
            if (x instanceof Answer.Names n) {
                all.addAll(n.names());
            }
        }
        if (!all.isEmpty()) {
            return new Answer.Names(all);
        }
        return a instanceof Answer.Unknown ? a : aaaa instanceof Answer.Unknown ? aaaa : new Answer.None();
    }

    private Answer query(Name name, int type) {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            return new Answer.Unknown("no answer from DNS: " + e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer.None();
        }
        if (rcode != Rcode.NOERROR) {
            return new Answer.Unknown("DNS answered " + Rcode.string(rcode));
        }
        List<String> out = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            switch (r) {
                case PTRRecord p -> out.add(hostName(p.getTarget()));
                case ARecord a -> out.add(a.getAddress().getHostAddress());
                case AAAARecord a -> out.add(a.getAddress().getHostAddress());
                default -> { }
            }
        }
        return out.isEmpty() ? new Answer.None() : new Answer.Names(out);
    }

    private static String hostName(Name name) {
        String s = name.toString(true); // without the trailing dot
        return s.toLowerCase(Locale.ROOT);
    }
}
