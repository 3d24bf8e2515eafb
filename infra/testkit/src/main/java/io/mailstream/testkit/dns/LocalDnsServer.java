package io.mailstream.testkit.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * A scripted authoritative DNS responder on a UDP port of 127.0.0.1, built on dnsjava's message
 * classes. Names never scripted answer NXDOMAIN (with an SOA whose minimum is {@link #NEGATIVE_TTL});
 * scripted names without records of the asked type answer NOERROR with no answer (NODATA);
 * {@link #servfail} names answer SERVFAIL. Counts queries per name and type.
 */
public final class LocalDnsServer implements AutoCloseable {
    public static final long NEGATIVE_TTL = 60;

    private final DatagramSocket socket;
    private final Thread thread;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();

    public LocalDnsServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        thread = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:port}, for {@code dns.resolver}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public LocalDnsServer mx(String domain, int preference, String host, long ttl) {
        return add(new MXRecord(name(domain), DClass.IN, ttl, preference, name(host)));
    }

    /** RFC 7505: a single MX of preference 0 pointing at the root. */
    public LocalDnsServer nullMx(String domain) {
        return add(new MXRecord(name(domain), DClass.IN, 300, 0, Name.root));
    }

    public LocalDnsServer a(String host, String ip, long ttl) {
        try {
            return add(new ARecord(name(host), DClass.IN, ttl, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public LocalDnsServer aaaa(String host, String ip, long ttl) {
        try {
            return add(new AAAARecord(name(host), DClass.IN, ttl, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The reverse-DNS name of {@code ip} (RFC 1035 §3.5, in-addr.arpa / ip6.arpa). */
    public LocalDnsServer ptr(String ip, String host, long ttl) {
        try {
            return add(new org.xbill.DNS.PTRRecord(org.xbill.DNS.ReverseMap.fromAddress(InetAddress.getByName(ip)), DClass.IN, ttl,
                    name(host)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public LocalDnsServer txt(String name, String value, long ttl) {
        return add(new TXTRecord(name(name), DClass.IN, ttl, value));
    }

    /** The name exists (NOERROR) but has no records: every query gets an empty answer. */
    public LocalDnsServer exists(String name) {
        records.computeIfAbsent(name(name), k -> new CopyOnWriteArrayList<>());
        return this;
    }

    public LocalDnsServer servfail(String name) {
        failures.put(name(name), Rcode.SERVFAIL);
        return this;
    }

    /** Forgets every record and failure of {@code name}. */
    public LocalDnsServer clear(String name) {
        records.remove(name(name));
        failures.remove(name(name));
        return this;
    }

    public int queries(String name, int type) {
        AtomicInteger n = queries.get(key(name(name), type));
        return n == null ? 0 : n.get();
    }

    private LocalDnsServer add(Record r) {
        records.computeIfAbsent(r.getName(), k -> new CopyOnWriteArrayList<>()).add(r);
        return this;
    }

    private static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + "/" + type;
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] out = answer(query).toWire(512);
                socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Name qname = question.getName();
        queries.computeIfAbsent(key(qname, question.getType()), k -> new AtomicInteger()).incrementAndGet();
        Integer failure = failures.get(qname);
        if (failure != null) {
            response.getHeader().setRcode(failure);
            return response;
        }
        List<Record> all = records.get(qname);
        if (all == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(qname), Section.AUTHORITY);
            return response;
        }
        List<Record> matching = new ArrayList<>();
        for (Record r : all) {
            if (r.getType() == question.getType()) {
                matching.add(r);
            }
        }
        matching.forEach(r -> response.addRecord(r, Section.ANSWER));
        if (matching.isEmpty()) {
            response.addRecord(soa(qname), Section.AUTHORITY);
        }
        return response;
    }

    private static SOARecord soa(Name qname) {
        Name zone = qname.labels() > 2 ? new Name(qname, qname.labels() - 3) : qname;
        return new SOARecord(zone, DClass.IN, NEGATIVE_TTL, name("ns." + zone), name("hostmaster." + zone), 1, 3600, 600,
                86400, NEGATIVE_TTL);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
