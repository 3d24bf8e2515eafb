package io.mailstream.dispatcher.routing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells addresses on the public internet from those that are not: loopback, unspecified,
 * private (RFC 1918, RFC 4193 unique local {@code fc00::/7}), shared (RFC 6598 {@code 100.64/10}),
 * link-local ({@code 169.254/16}, which holds the cloud metadata service {@code 169.254.169.254},
 * and {@code fe80::/10}), multicast and {@code 0/8}. An MX record is chosen by whoever runs the
 * recipient's DNS: pointed at one of these it would make the dispatcher talk SMTP to our own
 * network (SSRF), so {@link Router} refuses them unless told otherwise. IPv4-mapped IPv6
 * addresses are judged by the IPv4 address inside.
 */
public final class AddressScope {
    private AddressScope() {
    }

    /** Why {@code a} is not a public address, or empty when it is. */
    public static Optional<String> nonPublic(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("link-local (cloud metadata lives here)");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return v4(b);
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("private (unique local fc00::/7)");
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("private (site-local fec0::/10)");
            }
            if (isV4Mapped(b)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                try {
                    return nonPublic(InetAddress.getByAddress(v4)).map(r -> r + ", IPv4-mapped");
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an IPv4 address", e);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> v4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return Optional.of("private (RFC 1918)");
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return Optional.of("shared carrier-grade NAT (RFC 6598)");
        }
        if (first == 0) {
            return Optional.of("\"this network\" 0/8");
        }
        if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
            return Optional.of("broadcast");
        }
        return Optional.empty();
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
