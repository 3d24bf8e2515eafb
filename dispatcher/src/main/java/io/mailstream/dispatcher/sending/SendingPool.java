package io.mailstream.dispatcher.sending;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.InvalidAddressException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named set of local source addresses that connections bind to ({@code mail.smtp.localaddress}).
 * Receivers judge reputation per sending IP, so bulk and transactional mail usually get
 * different pools, and a new IP is warmed up inside its own pool.
 *
 * <p>Each address may have its own EHLO name ({@code ip/ehlo-name}): receivers such as Gmail expect
 * the HELO name of a bulk sender to match the PTR name of the IP it connects from (forward-confirmed
 * reverse DNS), which one dispatcher-wide name cannot do for several IPs. Addresses without one use
 * the dispatcher's {@code smtp.ehlo-name}.
 *
 * @param name      {@code sending-pools.<name>}
 * @param addresses {@code sending-pools.<name>.addresses}: IP literals configured on this host
 * @param selection {@code sending-pools.<name>.selection}: ROUND_ROBIN (default) or LEAST_USED
 * @param ehloNames the EHLO name of each address that has its own (lower case, validated as a domain)
 */
public record SendingPool(String name, List<InetAddress> addresses, SourceSelection selection, Map<InetAddress, String> ehloNames) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public SendingPool {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidConfigException("sending-pools", "pool name must be lower-case letters, digits, '-' or '_', was '" + name + "'");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new InvalidConfigException("sending-pools." + name + ".addresses", "must list at least one source address");
        }
        addresses = List.copyOf(addresses);
        if (addresses.stream().distinct().count() != addresses.size()) {
            throw new InvalidConfigException("sending-pools." + name + ".addresses", "lists an address twice: " + addresses);
        }
        if (selection == null) {
            throw new InvalidConfigException("sending-pools." + name + ".selection", "is required (ROUND_ROBIN or LEAST_USED)");
        }
        ehloNames = ehloNames == null ? Map.of() : Map.copyOf(ehloNames);
        for (InetAddress a : ehloNames.keySet()) {
            if (!addresses.contains(a)) {
                throw new InvalidConfigException("sending-pools." + name + ".addresses", "names an EHLO name for "
                        + a.getHostAddress() + ", which is not one of the pool's addresses " + addresses);
            }
        }
    }

    /** A pool whose addresses all use the dispatcher's EHLO name. */
    public SendingPool(String name, List<InetAddress> addresses, SourceSelection selection) {
        this(name, addresses, selection, Map.of());
    }

    /** The EHLO name {@code address} announces, if it has its own. */
    public Optional<String> ehloNameOf(InetAddress address) {
        return Optional.ofNullable(ehloNames.get(address));
    }

    /**
     * Parses IP literals, each optionally followed by {@code /ehlo-name} (no DNS: a source address
     * must be one of this host's own).
     */
    public static SendingPool of(String name, SourceSelection selection, List<String> literals) {
        String key = "sending-pools." + name + ".addresses";
        if (literals == null || literals.isEmpty()) {
            throw new InvalidConfigException(key, "must list at least one source address");
        }
        List<InetAddress> parsed = new ArrayList<>();
        Map<InetAddress, String> names = new HashMap<>();
        for (String entry : literals) {
            String raw = entry;
            String ehlo = null;
            int slash = entry == null ? -1 : entry.indexOf('/');
            if (slash >= 0) {
                raw = entry.substring(0, slash);
                ehlo = ehloName(key, entry, entry.substring(slash + 1).strip());
            }
            String s = raw == null ? "" : raw.strip();
            if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
                throw new InvalidConfigException(key, "'" + raw + "' is not an IPv4 or IPv6 address literal");
            }
            try {
                InetAddress address = InetAddress.getByName(s); // a literal: parsed, never resolved
                parsed.add(address);
                if (ehlo != null) {
                    names.put(address, ehlo);
                }
            } catch (UnknownHostException e) {
                throw new InvalidConfigException(key, "'" + raw + "' is not a valid address: " + e.getMessage());
            }
        }
        return new SendingPool(name, parsed, selection, names);
    }

    // RFC 5321 §4.1.1.1: EHLO takes the client's fully qualified domain name
    private static String ehloName(String key, String entry, String name) {
        try {
            return Domain.of(name).asString();
        } catch (InvalidAddressException e) {
            throw new InvalidConfigException(key, "'" + entry + "': the EHLO name after '/' must be a fully qualified host name: "
                    + e.getMessage());
        }
    }
}
