package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumSet;
import java.util.Set;

import static io.mailstream.bounces.BounceReason.*;

/**
 * What a refusal in reply to MAIL FROM can have judged. At that stage the server has the client and
 * the reverse-path, nothing of the message (RFC 5321 §3.3: headers and body follow DATA) and no
 * recipient; so a verdict on the content (spam, virus, malformed MIME or headers) or a recipient's own
 * filter cannot be what refused it. Sisimai's per-reason modules say the same: Reason::SpamDetected,
 * ::VirusDetected and ::Filtered return false for every command before DATA, and Reason::Rejected reads
 * a refusal at MAIL as the sender's. Such a refusal is the sender's ({@code rejected}), or the client's
 * ({@code blocked}) when it names the client host, its IP address or a block list.
 */
final class MailFromVerdicts {
    private static final Set<BounceReason> NEEDS_THE_MESSAGE = EnumSet.of(
            SPAM_DETECTED, VIRUS_DETECTED, CONTENT_ERROR, NOT_COMPLIANT_RFC, FILTERED);

    private MailFromVerdicts() {
    }

    /**
     * True when a refusal at MAIL FROM demands what the session lacked rather than judging the reverse-path:
     * STARTTLS (RFC 3207 §4, "530 5.7.0 Must issue a STARTTLS command first") or SMTP AUTH (RFC 4954 §6, "530 5.7.0
     * Authentication required"; KumoMTA's community rules file "Please turn on SMTP Authentication in your mail
     * client" under AuthenticationFailed). Such a reply keeps its own reason however the report quotes the command.
     */
    static boolean judgesTheSession(PhraseEvidence e) {
        return e.matches(FAILED_STARTTLS) || e.matches(SECURITY_ERROR);
    }

    /** True when {@code reason} can only be decided once the message or its recipient is known. */
    static boolean cannotBeDecidedAtMailFrom(BounceReason reason) {
        return NEEDS_THE_MESSAGE.contains(reason);
    }
}
