package io.mailstream.dispatcher.tls.report.internal;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.tls.report.TlsRptRecord;
import io.mailstream.schemas.address.Domain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Looks up {@code _smtp._tls.<domain>} TXT (RFC 8460 §3) on the dispatcher's resolver. Thread-safe. */
public final class TlsRptRecordLookup {
    private final SimpleResolver resolver;

    public TlsRptRecordLookup(Optional<InetSocketAddress> dnsResolver, Duration timeout) {
        try {
            resolver = dnsResolver.isPresent() ? new SimpleResolver(dnsResolver.get()) : new SimpleResolver();
            resolver.setTimeout(timeout);
        } catch (UnknownHostException e) {
            throw new InvalidConfigException("dns.resolver", "no resolver found: " + e.getMessage());
        }
    }

    /**
     * The domain's record; empty when it publishes none (or several, which §3 says to treat as none).
     *
     * @throws IOException when DNS does not answer, or the one record is malformed
     */
    public Optional<TlsRptRecord> lookup(Domain domain) throws IOException {
        String name = "_smtp._tls." + domain.asString() + ".";
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN)));
        if (response.getRcode() == Rcode.NXDOMAIN) {
            return Optional.empty();
        }
        if (response.getRcode() != Rcode.NOERROR) {
            throw new IOException("DNS answered " + Rcode.string(response.getRcode()) + " for " + name);
        }
        List<String> records = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord txt) {
                String value = String.join("", txt.getStrings());
                if (value.startsWith("v=TLSRPTv1")) {
                    records.add(value);
                }
            }
        }
        if (records.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsRptRecord.parse(records.getFirst()));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }
}
