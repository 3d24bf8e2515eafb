package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.DeliveryStatus;
import java.util.Optional;
import java.util.OptionalInt;

import static io.mailstream.bounces.BounceReason.*;

/**
 * The verdicts that outrank every phrase family, tried in this order: a provider's own code, the SMTP
 * stage refused before any recipient was named (greeting, HELO/EHLO, STARTTLS), an on-premises MTA's own
 * code, a refusal of the sender, a refusal of SMTP AUTH. Each says what was judged more precisely than
 * the wording around it.
 */
final class OutrankingVerdicts {
    private OutrankingVerdicts() {
    }

    /** The reason one of these verdicts decides, or {@code null} when none applies. */
    static BounceReason reasonOf(Optional<DeliveryStatus> status, BounceReason byStatus, OptionalInt replyCode,
                                 PhraseEvidence e, SmtpCommand command) {
        // a provider's own error code (Outlook.com SC-001, Yahoo [TSS04], Spectrum AUP#I-1310 ...) names its
        // verdict more precisely than the wording, the stage or the status around it (ProviderCodeRules)
        Optional<BounceReason> code = e.providerCode();
        if (code.isPresent()) {
            return code.get();
        }
        BounceReason stage = refusedStage(command, e);
        if (stage != null) {
            return stage;
        }
        // an on-premises MTA's own code (Exchange's X.400 diagnostic or detail name, Domino's router text)
        // names the reason its documentation defines; the status beside it is only the generic class
        Optional<BounceReason> mtaCode = e.mtaCode();
        if (mtaCode.isPresent()) {
            return mtaCode.get();
        }
        // a content filter's own category in its reply layout (Amavis's "Reject, id=... - BANNED: ...")
        BounceReason filterCategory = ContentScannerReplies.amavisCategory(e.text());
        if (filterCategory != null) {
            return filterCategory;
        }
        if (refusesSender(byStatus, e)) {
            return e.namesBlockList() && !DiagnosticPhrases.listsSenderDomain(e.text()) ? BLOCKED : REJECTED;
        }
        if (refusesSmtpAuth(status, replyCode, e)) {
            return SECURITY_ERROR;
        }
        return null;
    }

    /** What a refusal at the greeting, at HELO/EHLO or at STARTTLS means; {@code null} after any other command. */
    private static BounceReason refusedStage(SmtpCommand command, PhraseEvidence e) {
        // refused at the greeting, before the client said anything: the client is blocked
        // (a missing or mismatching PTR named there is what was judged of it: Haraka's connect.fcrdns.js refuses
        // at connect; Postfix's reject_unknown_client_hostname in smtpd_client_restrictions answers at the greeting
        // unless smtpd_delay_reject, postconf(5); spamdyke's "Refused. You have no reverse DNS entry." is its reply to
        // the connection, spamdyke documentation, reject-empty-rdns; Sisimai's Reason::RequirePTR)
        if (command == SmtpCommand.CONN) {
            return e.matches(REQUIRE_PTR) ? REQUIRE_PTR : e.matches(TOO_MANY_CONN) ? TOO_MANY_CONN : BLOCKED;
        }
        // refused at HELO/EHLO: the client's name or address was judged, nothing about sender,
        // recipient or content was known yet (RFC 5321 §4.1.1.1; Sisimai's Reason::Blocked: "rejected
        // due to a client IP address or a hostname, or the parameter of HELO/EHLO")
        // (an SPF check of the HELO identity, RFC 7208 §2.3, failing there is the authentication's: Haraka's
        // haraka-plugin-spf checks HELO as well as MAIL FROM)
        if (command == SmtpCommand.EHLO) {
            return e.matches(REQUIRE_PTR) ? REQUIRE_PTR : e.matches(TOO_MANY_CONN) ? TOO_MANY_CONN
                    : e.matches(AUTH_FAILURE) ? AUTH_FAILURE : BLOCKED;
        }
        // refused in reply to STARTTLS: the TLS negotiation failed, whatever 5.7.x is beside it (RFC 3207 §4 names
        // the server's answers to STARTTLS; Sisimai's Reason::FailedSTARTTLS is true for that command alone)
        if (command == SmtpCommand.STARTTLS) {
            return FAILED_STARTTLS;
        }
        return null;
    }

    /**
     * About the sender, whatever else the text says: RFC 3463 X.1.7 / X.1.8 (bad sender mailbox
     * syntax / sender system address), and Postfix's "Sender address rejected: ..." which smtpd
     * writes for every sender restriction, at RCPT TO too (postconf(5): smtpd_delay_reject,
     * reject_unknown_sender_domain, reject_unlisted_sender). "User unknown" or "Domain not found"
     * there are the sender's, not the recipient's: never a recipient reason, never hard.
     */
    private static boolean refusesSender(BounceReason byStatus, PhraseEvidence e) {
        return byStatus == REJECTED || e.text().contains("sender address rejected") || e.namesSenderRefusal();
    }

    /**
     * SMTP AUTH refused (RFC 4954): the session's credentials, not the message's SPF/DKIM/DMARC
     * (Sisimai's securityerror against authfailure); a relay refusal or STARTTLS demand keeps its own reason.
     */
    private static boolean refusesSmtpAuth(Optional<DeliveryStatus> status, OptionalInt replyCode, PhraseEvidence e) {
        return SmtpAuthRefusal.refuses(replyCode, status, e.text()) && !e.matches(NO_RELAYING)
                && !e.matches(FAILED_STARTTLS);
    }
}
