package io.mailstream.bounces.classify;

/**
 * A refusal that names the connecting client by its IP address ("Mail from 192.0.2.1 refused",
 * "connections from [192.0.2.1] denied"): what was judged is the sending host, so it is
 * {@code blocked}, soft (Sisimai's Reason::Blocked: "rejected due to client IP address or a
 * hostname"; RFC 5321 §4.1.4 lets a server refuse a client by its address). Read only when no
 * reason's phrase family decided: one scan for "from " and a refusal word, no regex (issue 16, rsn2).
 */
final class ClientAddressRefusal {
    private static final String[] REFUSALS = {"refused", "rejected", "denied", "not accepted"};

    private ClientAddressRefusal() {
    }

    static boolean refusesClientAddress(String normalized) {
        boolean refusal = false;
        for (String r : REFUSALS) {
            if (normalized.contains(r)) {
                refusal = true;
                break;
            }
        }
        if (!refusal) {
            return false;
        }
        int i = normalized.indexOf("from ");
        while (i >= 0) {
            int at = i + 5;
            if (at < normalized.length() && normalized.charAt(at) == '[') {
                at++;
            }
            if (isIpv4At(normalized, at)) {
                return true;
            }
            i = normalized.indexOf("from ", i + 5);
        }
        return false;
    }

    /** Four dot-separated groups of one to three digits starting at {@code at}. */
    private static boolean isIpv4At(String s, int at) {
        int pos = at;
        for (int group = 0; group < 4; group++) {
            int digits = 0;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && digits < 4) {
                pos++;
                digits++;
            }
            if (digits == 0 || digits > 3) {
                return false;
            }
            if (group < 3) {
                if (pos >= s.length() || s.charAt(pos) != '.') {
                    return false;
                }
                pos++;
            }
        }
        return pos >= s.length() || !Character.isDigit(s.charAt(pos));
    }
}
