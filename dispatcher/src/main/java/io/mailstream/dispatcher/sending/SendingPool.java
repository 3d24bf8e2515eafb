package io.mailstream.dispatcher.sending;

import io.mailstream.dispatcher.InvalidConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A named set of local source addresses that connections bind to ({@code mail.smtp.localaddress}).
 * Receivers judge reputation per sending IP, so bulk and transactional mail usually get
 * different pools, and a new IP is warmed up inside its own pool.
 *
 * @param name      {@code sending-pools.<name>}
 * @param addresses {@code sending-pools.<name>.addresses}: IP literals configured on this host
 * @param selection {@code sending-pools.<name>.selection}: ROUND_ROBIN (default) or LEAST_USED
 */
public record SendingPool(String name, List<InetAddress> addresses, SourceSelection selection) {
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
    }

    /** Parses IP literals (no DNS: a source address must be one of this host's own). */
    public static SendingPool of(String name, SourceSelection selection, List<String> literals) {
        String key = "sending-pools." + name + ".addresses";
        if (literals == null || literals.isEmpty()) {
            throw new InvalidConfigException(key, "must list at least one source address");
        }
        List<InetAddress> parsed = new ArrayList<>();
        for (String raw : literals) {
            String s = raw == null ? "" : raw.strip();
            if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
                throw new InvalidConfigException(key, "'" + raw + "' is not an IPv4 or IPv6 address literal");
            }
            try {
                parsed.add(InetAddress.getByName(s)); // a literal: parsed, never resolved
            } catch (UnknownHostException e) {
                throw new InvalidConfigException(key, "'" + raw + "' is not a valid address: " + e.getMessage());
            }
        }
        return new SendingPool(name, parsed, selection);
    }
}
