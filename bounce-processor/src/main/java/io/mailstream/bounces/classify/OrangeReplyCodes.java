package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Orange's and La Poste's own reply codes: {@code OFR}, {@code LPN} or {@code OUK}, then either
 * {@code _CCC} or the answering server's three digits and {@code _CCC} / {@code -CCC} ("OFR006_102",
 * "LPN105_104", "OFR_506"). The last three digits name the cause; the French and English texts around
 * them are often the same generic "Service refuse. Veuillez essayer plus tard" whatever the cause, so
 * the code decides.
 *
 * <p>Meanings from Orange's error-code lists as published for senders ("Orange SMTP error codes (OFR)",
 * https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/ and
 * https://bentonow.com/smtp-errors/orange), mapped onto the nearest reason as Sisimai's
 * {@code Rhost::FrancePTT} maps the same numbers. Codes those pages leave open ("please try later" with
 * no cause: 105, 108, 109, 201, 423, 424, 513) decide nothing. 401, "SPF: sender is not allowed to send
 * mail", is an SPF verdict: {@code authfailure} (Sisimai reads it as {@code blocked}).
 */
final class OrangeReplyCodes implements ProviderCodeFormat {
    private static final Map<String, BounceReason> CODES = Map.ofEntries(
            Map.entry("102", BLOCKED),         // source IP blocked for spam incidents
            Map.entry("103", BLOCKED),         // service refused to the sending host
            Map.entry("104", TOO_MANY_CONN),   // too many connections, slow down
            Map.entry("305", SECURITY_ERROR),  // invalid authentication code
            Map.entry("401", AUTH_FAILURE),    // SPF: the sender is not allowed to send mail
            Map.entry("402", SECURITY_ERROR),  // authentication required
            Map.entry("403", REJECTED),        // invalid sender
            Map.entry("405", REJECTED),        // invalid sender
            Map.entry("415", REJECTED),        // invalid sender
            Map.entry("416", USER_UNKNOWN),    // at least one recipient address invalid
            Map.entry("417", MAILBOX_FULL),    // recipient's mailbox full
            Map.entry("418", USER_UNKNOWN),    // at least one recipient address invalid
            Map.entry("420", SUSPEND),         // recipient's mailbox archived
            Map.entry("421", REJECTED),        // mail from not owned by user
            Map.entry("426", SUSPEND),         // the recipient's account is blocked
            Map.entry("505", SYSTEM_ERROR),    // service refused (Orange's side)
            Map.entry("506", SPAM_DETECTED),   // mail rejected (content)
            Map.entry("510", BLOCKED),         // service refused to the sending host
            Map.entry("514", MESG_TOO_BIG),    // message size limit reached
            Map.entry("999", BLOCKED));        // service refused to the sending host

    private static final List<String> PREFIXES = List.of("ofr", "lpn", "ouk");

    @Override
    public MtaFamily family() {
        return MtaFamily.ORANGE_LAPOSTE;
    }

    @Override
    public List<String> anchors() {
        return List.of("ofr_", "lpn_", "ouk_", "ofr0", "lpn0", "ouk0", "ofr1", "lpn1", "ouk1", "ofr2", "lpn2",
                "ouk2", "ofr3", "lpn3", "ouk3", "ofr4", "lpn4", "ouk4", "ofr5", "lpn5", "ouk5", "ofr6", "lpn6",
                "ouk6", "ofr7", "lpn7", "ouk7", "ofr8", "lpn8", "ouk8", "ofr9", "lpn9", "ouk9");
    }

    @Override
    public Optional<BounceReason> reasonIn(String text) {
        for (String prefix : PREFIXES) {
            for (int at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
                if (at > 0 && Character.isLetterOrDigit(text.charAt(at - 1))) {
                    continue;
                }
                String code = codeAfter(text, at + prefix.length());
                if (code != null) {
                    BounceReason r = CODES.get(code);
                    if (r != null) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The cause code of "_CCC" or "NNN_CCC" / "NNN-CCC" starting at {@code i}, else null. */
    private static String codeAfter(String text, int i) {
        int start;
        if (i < text.length() && text.charAt(i) == '_') {
            start = i + 1;
        } else if (digits(text, i, 3) && i + 3 < text.length()
                && (text.charAt(i + 3) == '_' || text.charAt(i + 3) == '-')) {
            start = i + 4;
        } else {
            return null;
        }
        if (!digits(text, start, 3)) {
            return null;
        }
        int end = start + 3;
        if (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            return null;
        }
        return text.substring(start, end);
    }

    private static boolean digits(String text, int from, int n) {
        if (from + n > text.length()) {
            return false;
        }
        for (int k = from; k < from + n; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
