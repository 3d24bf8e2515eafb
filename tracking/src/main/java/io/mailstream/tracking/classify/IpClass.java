package io.mailstream.tracking.classify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The coarse class of a client address: all that is kept of it unless the operator asks for the
 * address itself ({@code --keep-ip}). {@link #APPLE} is Apple's own 17.0.0.0/8, where Apple Mail
 * Privacy Protection's proxies fetch from (SocketLabs, "Identifying Apple MPP opens";
 * suped.com, "What methods do ESPs … use to identify Apple MPP").
 */
public enum IpClass {
    LOOPBACK, PRIVATE, APPLE, PUBLIC_V4, PUBLIC_V6, UNKNOWN;

    public static IpClass of(InetAddress a) {
        if (a == null) {
            return UNKNOWN;
        }
        if (a.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress() || isUniqueLocal(a)) {
            return PRIVATE;
        }
        if (a instanceof Inet4Address) {
            return (a.getAddress()[0] & 0xff) == 17 ? APPLE : PUBLIC_V4;
        }
        return a instanceof Inet6Address ? PUBLIC_V6 : UNKNOWN;
    }

    /** fc00::/7 (RFC 4193), which {@link InetAddress#isSiteLocalAddress} does not cover. */
    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }
}
