package io.mailstream.bounces.classify;

/**
 * A delivery that failed to happen within a stated period: "Failed to deliver to domain X within 1 day",
 * "It has not been collected after 7 days". The queue's or the mailbox's lifetime ran out, which is
 * {@code expired} (RFC 3463 X.4.7 "delivery time expired"; Sisimai's Reason::Expired names the concept:
 * "delivery time has expired due to a connection failure"), whatever period or wording the MTA uses.
 * Read only when nothing else decided; a scan without regex (issue 16, rsn2).
 */
final class DeliveryPeriodElapsed {
    private static final String[] VERBS = {"deliver", "collected"};
    // " for ": Sendmail's queue return "Message could not be delivered for 5 days" (queue.c)
    private static final String[] LINKS = {" within ", " after ", " for more than ", " for "};
    private static final String[] UNITS = {"day", "hour", "minute"};

    private DeliveryPeriodElapsed() {
    }

    static boolean says(String normalized) {
        int verb = -1;
        for (String v : VERBS) {
            int i = normalized.indexOf(v);
            if (i >= 0 && (verb < 0 || i < verb)) {
                verb = i;
            }
        }
        if (verb < 0 || !failed(normalized)) {
            return false;
        }
        for (String link : LINKS) {
            int i = normalized.indexOf(link, verb);
            while (i >= 0) {
                if (periodAt(normalized, i + link.length())) {
                    return true;
                }
                i = normalized.indexOf(link, i + link.length());
            }
        }
        return false;
    }

    /** The text says the delivery did not happen, not that it did ("delivered within 1 day"). */
    private static boolean failed(String s) {
        return s.contains("fail") || s.contains("not been") || s.contains("could not") || s.contains("unable")
                || s.contains("not delivered") || s.contains("undeliver");
    }

    /** A number followed by a unit of time: "1 day", "48 hours". */
    private static boolean periodAt(String s, int at) {
        int pos = at;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos == at || pos >= s.length() || s.charAt(pos) != ' ') {
            return false;
        }
        for (String u : UNITS) {
            if (s.startsWith(u, pos + 1)) {
                return true;
            }
        }
        return false;
    }
}
