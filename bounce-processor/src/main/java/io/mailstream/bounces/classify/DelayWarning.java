package io.mailstream.bounces.classify;

import java.util.List;
import java.util.Locale;

/**
 * Whether a bounce without an RFC 3464 Action field is a delay warning: the MTA says, in the
 * banner it writes over the whole report, that it is still trying and nothing has failed for good
 * (issue 16: a hard bounce needs evidence that the address is bad; "still trying" is evidence of
 * the opposite). Only whole-report banners count, not per-recipient headings: Sendmail's
 * "transient non-fatal errors" heading can sit beside a "permanent fatal errors" one in the same
 * report.
 */
public final class DelayWarning {
    /**
     * Sendmail's savemail.c {@code errbody()} writes "THIS IS A WARNING MESSAGE ONLY" when no
     * recipient failed permanently; Postfix's default delay template (bounce(5)) "THIS IS A
     * WARNING ONLY"; Exim's default warning message (spec, "Customizing bounce and warning
     * messages": "A message that you sent has not yet been delivered to one or more of its
     * recipients ... No action is required on your part. Delivery attempts will continue");
     * Gmail's delay notice "Gmail will retry for N more hours"; Exchange / Microsoft 365's delay DSN "Delivery is delayed to these
     * recipients" / "delivery has been delayed".
     */
    private static final List<String> BANNERS = List.of(
            "this is a warning message only", "this is a warning only", "no action is required on your part",
            "delivery attempts will continue", "has not yet been delivered", "will retry for", "delivery is delayed to",
            "delivery has been delayed",
            // the warnings Mailman's flufl.bounce stops at (_detectors/simplewarning.py): MessageSwitch's "This is just
            // a warning, you do not need to take any action", Gmail's "Delivery to the following recipient has been
            // delayed", Exchange's advisory "Delivery of the message ... has been postponed"
            "this is just a warning", "been delayed", "been postponed",
            // an error the report calls transient, or a delivery it says will be retried: Perl's
            // Mail::DeliveryStatus::BounceParser (CPAN, parse) calls such a text report "a nonfatal error, ignoring"
            // unless a permanent-error headline comes first (issue 16, branch dbp)
            "transient error", "transient failure", "will be retried");
    /**
     * Banners that only a warning writes: "THIS IS A WARNING (MESSAGE) ONLY" (Sendmail, Postfix)
     * and Exim's "No action is required on your part". The others ("will retry for", "delivery
     * attempts will continue" ...) also appear inside final reports, e.g. a relay's retry note
     * quoted under the headline of a permanent failure.
     */
    private static final List<String> WARNING_ONLY = List.of(
            "this is a warning message only", "this is a warning only", "no action is required on your part",
            "this is just a warning");
    /**
     * Headlines of a final failure report, which outrank a retry note: Exim's "This is a permanent
     * error" (default bounce message), Sendmail's "permanent fatal errors" (savemail.c), qmail's
     * "This is a permanent error; I've given up" (qmail-send.c), Gmail's "failed permanently",
     * Microsoft's "Delivery has failed to these recipients or groups", RFC 3464's "Action: failed".
     */
    private static final List<String> FINAL = List.of(
            "this is a permanent error", "permanent fatal error", "i've given up", "failed permanently",
            "delivery has failed", "action: failed");

    private DelayWarning() {
    }

    /**
     * Which ASCII letters start a banner: one pass over the text, comparing at the few positions
     * that can start one (asked of every recipient of a text bounce, up to 4 000 characters).
     */
    private static final boolean[] FIRST = new boolean[128];
    /** Which ASCII characters are a banner's second letter: most candidate positions end here. */
    private static final boolean[] SECOND = new boolean[128];

    static {
        for (String banner : BANNERS) {
            FIRST[banner.charAt(0)] = true;
            FIRST[Character.toUpperCase(banner.charAt(0))] = true;
            SECOND[banner.charAt(1)] = true;
            SECOND[Character.toUpperCase(banner.charAt(1))] = true;
        }
    }

    /**
     * Whether {@code explanation}, the bounce's human-readable text, carries a delay banner: a
     * warning-only banner, or another retry note in a report with no final-failure headline (a
     * "will retry" line inside a permanent failure report does not make it a deferral).
     */
    public static boolean in(String explanation) {
        if (explanation == null || explanation.isEmpty()) {
            return false;
        }
        String banner = firstBanner(explanation);
        if (banner == null) {
            return false;
        }
        if (WARNING_ONLY.contains(banner)) {
            return true;
        }
        String lower = explanation.toLowerCase(Locale.ROOT);
        for (String headline : WARNING_ONLY) {
            if (lower.contains(headline)) {
                return true;
            }
        }
        for (String headline : FINAL) {
            if (lower.contains(headline)) {
                return false;
            }
        }
        return true;
    }

    private static String firstBanner(String text) {
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            char next = i + 1 < len ? text.charAt(i + 1) : ' ';
            if (c < 128 && FIRST[c] && (next >= 128 || SECOND[next])) {
                String banner = bannerAt(text, i);
                if (banner != null) {
                    return banner;
                }
            }
        }
        return null;
    }

    private static String bannerAt(String text, int at) {
        char first = Character.toLowerCase(text.charAt(at));
        // the second letter before the whole banner: "t", "h" and "b" start many words of any text
        char second = at + 1 < text.length() ? Character.toLowerCase(text.charAt(at + 1)) : ' ';
        for (String banner : BANNERS) {
            if (banner.charAt(0) == first && banner.charAt(1) == second
                    && text.regionMatches(true, at, banner, 0, banner.length())) {
                return banner;
            }
        }
        return null;
    }
}
