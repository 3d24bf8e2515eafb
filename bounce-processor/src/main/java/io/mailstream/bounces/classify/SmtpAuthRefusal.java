package io.mailstream.bounces.classify;

import io.mailstream.bounces.DeliveryStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A refusal of SMTP authentication (RFC 4954), which Sisimai calls {@code securityerror}: the
 * session's credentials or its lack of them, not the message's SPF/DKIM/DMARC results
 * ({@code authfailure}, "Email rejected due to SPF, DKIM, DMARC failure" in Sisimai's reason list).
 *
 * <p>Evidence, any of: RFC 4954 §6's replies 530 ("Authentication required"), 534 ("Authentication
 * mechanism is too weak"), 535 ("Authentication credentials invalid") and 538 ("Encryption required
 * for requested authentication mechanism"), or their enhanced codes X.7.8, X.7.9 and X.7.11 (RFC 4954
 * §6, IANA registry), said with the word "authentication"; Postfix's SMTP client reporting its own
 * failed login ("SASL authentication failed; server X said: ...", smtp_sasl_glue.c); Cyrus SASL's
 * "authentication failure"; and servers that relay only for authenticated senders ("unauthenticated
 * senders not allowed", qmail's "you don't authenticate or the domain isn't in my list of allowed
 * rcpthosts" from the SMTP-AUTH patches). A text that names SPF, DKIM or DMARC is never this.
 */
final class SmtpAuthRefusal {
    private static final List<String> PHRASES = List.of("sasl authentication failed", "authentication failed; server",
            "authentication failure", "unauthenticated senders not allowed", "you don't authenticate",
            "authentication is required", "authentication required", "authentication credentials invalid");
    private static final List<String> MESSAGE_AUTHENTICATION = List.of("spf", "dkim", "dmarc", "sender policy framework");

    private SmtpAuthRefusal() {
    }

    /** Whether the normalised {@code text}, with its reply code and status, refuses SMTP authentication. */
    static boolean refuses(OptionalInt reply, Optional<DeliveryStatus> status, String text) {
        if (text.indexOf("authenti") < 0) {
            return false; // the common case: one scan, nothing about authentication
        }
        for (String w : MESSAGE_AUTHENTICATION) {
            if (text.contains(w)) {
                return false;
            }
        }
        int code = reply.orElse(0);
        if (code == 530 || code == 534 || code == 535 || code == 538) {
            return true;
        }
        if (status.isPresent() && status.get().subject() == 7) {
            int detail = status.get().detail();
            if (detail == 8 || detail == 9 || detail == 11) {
                return true;
            }
        }
        for (String p : PHRASES) {
            if (text.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
