package io.mailstream.schemas.address;

import java.util.Locale;

/** Whether a host name stays on this machine, judged by its name alone (no DNS lookup). */
public final class Loopback {
    private Loopback() {
    }

    /** {@code localhost}, {@code *.localhost}, {@code 127.x.x.x} and {@code ::1} are; everything else is not. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /** The host of {@code host:port} (also {@code [v6]:port}). */
    public static String hostOf(String hostPort) {
        String s = hostPort.strip();
        if (s.startsWith("[")) {
            return s.substring(0, s.indexOf(']') + 1);
        }
        int colon = s.lastIndexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }
}
