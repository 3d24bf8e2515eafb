package io.mailstream.dispatcher.mtasts.internal;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.schemas.address.Domain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up a domain's {@code _mta-sts} TXT record (RFC 8461 §3.1) on the dispatcher's resolver: a
 * record {@code v=STSv1; id=...;} says a policy exists and which version it is. Thread-safe.
 */
public final class StsRecordLookup {
    private static final Pattern ID = Pattern.compile("(?:^|;)\\s*id=([A-Za-z0-9]{1,32})\\s*(?:;|$)");

    /** What DNS said. */
    public sealed interface Result {
    }

    /** Exactly one STSv1 record, with this id. */
    public record Present(String id) implements Result {
    }

    /** No STSv1 record (or several, which §3.1 says to treat as none). */
    public record Absent(String why) implements Result {
    }

    /** SERVFAIL or timeout. */
    public record Failed(String why) implements Result {
    }

    private final SimpleResolver resolver;

    /** @param dnsResolver the resolver to ask ({@code dns.resolver}); empty for the system's first one */
    public StsRecordLookup(Optional<InetSocketAddress> dnsResolver, Duration timeout) {
        try {
            resolver = dnsResolver.isPresent() ? new SimpleResolver(dnsResolver.get()) : new SimpleResolver();
            resolver.setTimeout(timeout);
        } catch (UnknownHostException e) {
            throw new InvalidConfigException("dns.resolver", "no resolver found: " + e.getMessage());
        }
    }

    public Result lookup(Domain domain) {
        String name = "_mta-sts." + domain.asString() + ".";
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN)));
        } catch (TextParseException e) {
            return new Absent(name + " is not a valid DNS name");
        } catch (IOException e) {
            return new Failed("no answer from DNS for " + name + ": " + e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Absent("no " + name + " record");
        }
        if (rcode != Rcode.NOERROR) {
            return new Failed("DNS answered " + Rcode.string(rcode) + " for " + name);
        }
        List<String> sts = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord txt) {
                // §3.1: the strings of one record are concatenated.
                String value = String.join("", txt.getStrings());
                if (value.startsWith("v=STSv1;") || value.equals("v=STSv1")) {
                    sts.add(value);
                }
            }
        }
        if (sts.size() != 1) {
            return new Absent(sts.isEmpty() ? "no STSv1 record at " + name : "several STSv1 records at " + name);
        }
        Matcher m = ID.matcher(sts.getFirst());
        if (!m.find()) {
            return new Absent("the STSv1 record at " + name + " has no valid id");
        }
        return new Present(m.group(1));
    }
}
