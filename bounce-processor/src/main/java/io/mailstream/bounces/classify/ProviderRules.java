package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.List;
import java.util.Objects;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;

/**
 * Phrases that only one MTA or provider writes, each declaring the family it was written for and
 * where its meaning is published. General phrases (RFC 3463 wording, phrasing several MTAs share)
 * stay in {@link DiagnosticPhrases}; anything learned from one family's documentation lives here,
 * so that a leave-one-family-out evaluation can switch exactly those rules off
 * ({@link RuleSelection#without(MtaFamily)}) and see what the general rules alone achieve.
 *
 * <p>Phrases are matched like {@link DiagnosticPhrases}: lower-cased, white space collapsed.
 */
public final class ProviderRules {
    private ProviderRules() {
    }

    /**
     * One provider's phrase family.
     *
     * @param family  the MTA or provider that writes these texts
     * @param reason  what they mean
     * @param phrases lower-case literal phrases
     * @param source  where the meaning is documented (a URL or the document's name)
     * @param decisive the phrases are the provider's own error codes (or texts that only it writes, each
     *                 with one documented meaning): found in a reply they decide its reason before any
     *                 general phrase family or SMTP stage is weighed ({@link ProviderCodeRules})
     */
    public record ProviderRule(MtaFamily family, BounceReason reason, List<String> phrases, String source,
                               boolean decisive) {
        /** A rule whose phrases count as their reason's phrase family, in the classifier's usual order. */
        public ProviderRule(MtaFamily family, BounceReason reason, List<String> phrases, String source) {
            this(family, reason, phrases, source, false);
        }

        /** A provider's own documented code or text: decisive, it names its reason before any phrase family. */
        public static ProviderRule code(MtaFamily family, BounceReason reason, List<String> phrases, String source) {
            return new ProviderRule(family, reason, phrases, source, true);
        }

        public ProviderRule {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(reason, "reason");
            phrases = List.copyOf(phrases);
            if (phrases.isEmpty()) {
                throw new IllegalArgumentException("a provider rule needs at least one phrase: " + family + "/" + reason);
            }
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("a provider rule must cite its source: " + family + "/" + reason);
            }
        }

        /** A short name for evidence and logs, e.g. {@code google/userunknown}. */
        public String name() {
            return family.name().toLowerCase(java.util.Locale.ROOT) + "/" + reason.sisimaiName();
        }
    }

    /** Every provider rule, in no particular order (phrases are matched all at once). */
    public static List<ProviderRule> all() {
        return ALL;
    }

    private static final List<ProviderRule> RULES = List.of(
            // Google: "Gmail SMTP errors and codes", https://support.google.com/a/answer/3726730
            new ProviderRule(GOOGLE, USER_UNKNOWN, List.of(
                    "the email account that you tried to reach does not exist",
                    "account that you tried to reach does not exist"),
                    "https://support.google.com/a/answer/3726730 (550 5.1.1)"),
            new ProviderRule(GOOGLE, SUSPEND, List.of(
                    "email account that you tried to reach is disabled",
                    "account that you tried to reach is inactive"),
                    "https://support.google.com/a/answer/3726730 (550 5.2.1)"),
            new ProviderRule(GOOGLE, MAILBOX_FULL, List.of(
                    "email account that you tried to reach is over quota",
                    "account that you tried to reach is over quota"),
                    "https://support.google.com/a/answer/3726730 (452/552 5.2.2)"),
            // (Gmail's "unusual rate of unsolicited mail" from the IP: ProviderCodeRules, blocked)
            new ProviderRule(GOOGLE, SPEEDING, List.of(
                    "is receiving mail too quickly", "receiving mail at a rate that prevents"),
                    "https://support.google.com/a/answer/3726730 (450 4.2.1)"),
            new ProviderRule(GOOGLE, NOT_COMPLIANT_RFC, List.of(
                    "missing a valid address in from: header", "messages missing a valid address in from"),
                    "https://support.google.com/a/answer/3726730 (550 5.7.1 missing a valid From: header)"),
            new ProviderRule(GOOGLE, BLOCKED, List.of(
                    "is not authorized to send email directly to our servers"),
                    "https://support.google.com/a/answer/3726730 (550 5.7.1 IP not authorized to send directly)"),
            new ProviderRule(GOOGLE, MESG_TOO_BIG, List.of("exceeded google's message size limits"),
                    "https://support.google.com/a/answer/3726730 (552 5.3.4 / 5.2.3 size limits)"),
            new ProviderRule(GOOGLE, BLOCKED, List.of("ip not in whitelist for rcpt domain"),
                    "https://support.google.com/a/answer/3726730 (421 4.7.0 IP not in whitelist for RCPT domain)"),
            // (Gmail's "has a policy that prohibited the mail": ReceivingHostRules, policyviolation)
            new ProviderRule(GOOGLE, REJECTED, List.of("mail sending denied"),
                    "https://support.google.com/a/answer/3726730 (550 5.7.0 Mail Sending denied: the sender may not send)"),
            new ProviderRule(GOOGLE, REJECTED, List.of(
                    "groups.google.com/support", "'send mail as'"),
                    "Google Groups posting permissions, https://support.google.com/groups/ (bounce of a non-member post)"),
            // Yahoo: help.yahoo.com SLN3444 "Email sent to Yahoo Mail addresses is rejected" and
            // https://senders.yahooinc.com/smtp-error-codes/
            // (Yahoo's own codes and its "dd This user doesn't have ..." text: ProviderCodeRules)
            new ProviderRule(YAHOO_AOL, BLOCKED, List.of("553 vs99-ip1"),
                    "https://help.yahoo.com/kb/SLN3444.html (\"553 VS99-IP1 deferred\": the SMTP connection was rejected)"),
            // Microsoft: "Email non-delivery reports and SMTP errors in Exchange Online",
            // https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
            new ProviderRule(MICROSOFT, USER_UNKNOWN, List.of(
                    // directory-based edge blocking refuses recipients not in the tenant's directory, with
                    // 5.4.1; the same words under 5.7.1 are Postfix's access(5) REJECT, a policy (soft)
                    "5.4.1 recipient address rejected: access denied",
                    "the email address you entered couldn't be found"),
                    "learn.microsoft.com Exchange Online NDR 5.4.1 and 5.1.1 / 550 5.1.10 RESOLVER.ADR.RecipientNotFound"),
            new ProviderRule(MICROSOFT, USER_UNKNOWN, List.of(
                    "resolver.adr.recipientnotfound", "resolver.adr.recipnotfound",
                    "recipient not found by smtp address lookup"),
                    "learn.microsoft.com Exchange Online NDR 5.1.10 RESOLVER.ADR.RecipientNotFound, 5.1.1 RecipNotFound"),
            new ProviderRule(MICROSOFT, MAILBOX_FULL, List.of("quotaexceededexception"),
                    "learn.microsoft.com Exchange Online NDR 5.2.2 STOREDRV.Deliver ... QuotaExceededException"),
            new ProviderRule(MICROSOFT, HOST_UNKNOWN, List.of("dns domain does not exist"),
                    "learn.microsoft.com Exchange Online NDR 5.4.310 DNS domain does not exist"),
            new ProviderRule(MICROSOFT, REJECTED, List.of("access denied, bad outbound sender"),
                    "learn.microsoft.com Exchange Online NDR 5.1.8 (the sending account was blocked for outbound spam)"),
            new ProviderRule(MICROSOFT, BLOCKED, List.of(
                    "traffic not accepted from this ip", "access denied, banned sender"),
                    "learn.microsoft.com Exchange Online NDR 5.7.708 and 5.7.511"),
            new ProviderRule(MICROSOFT, BLOCKED, List.of(
                    "banned sending ip", "sender.office.com", "part of their network is on our block list"),
                    "learn.microsoft.com Exchange Online NDR 5.7.606-649 (banned sending IP), S3150"),
            new ProviderRule(MICROSOFT, BAD_REPUTATION, List.of(
                    "has been temporarily rate limited due to ip reputation"),
                    "learn.microsoft.com Exchange Online NDR 4.7.650 (IP reputation rate limit)"),
            new ProviderRule(MICROSOFT, FILTERED, List.of(
                    "recipient not authorized, your email has been rejected by the recipient's mail policy",
                    "delivery not authorized, message refused"),
                    "learn.microsoft.com Exchange Online NDR 5.7.1 / 5.7.129 (restricted recipient)"),
            // RESOLVER.RST.*: the recipient (a group or mailbox) accepts mail only from permitted senders
            new ProviderRule(MICROSOFT, FILTERED, List.of("resolver.rst.notauthorized",
                    "resolver.rst.restrictedtorecipientspermission"),
                    "learn.microsoft.com Exchange Online NDR 5.7.1 RESOLVER.RST.NotAuthorized and 5.7.129"),
            // Apple iCloud: https://support.apple.com/en-us/102322 (postmaster information, formerly HT204137)
            new ProviderRule(APPLE, SPEEDING, List.of("deferred due to excessive volume"),
                    "https://support.apple.com/en-us/102322 (421 4.7.1 Messages to ... deferred due to excessive volume)"),
            // Mimecast: "Mimecast SMTP Error Codes", https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754
            new ProviderRule(MIMECAST, FILTERED, List.of("envelope blocked - user entry", "envelope blocked - user domain entry"),
                    "Mimecast SMTP Error Codes: 550 Envelope blocked - User Entry (the recipient blocked the sender)"),
            new ProviderRule(MIMECAST, REJECTED, List.of("rejected by header based anti-spoofing policy",
                    "header based anti-spoofing"),
                    "Mimecast SMTP Error Codes: 550 Rejected by header based Anti-Spoofing policy"),
            new ProviderRule(MIMECAST, BLOCKED, List.of("sender address blocked"),
                    "Mimecast SMTP Error Codes: 421 Sender address blocked (a Blocked Senders policy on the IP)"),
            // Postfix: LOCAL_RECIPIENT_README and ADDRESS_VERIFICATION_README, https://www.postfix.org/
            new ProviderRule(POSTFIX, USER_UNKNOWN, List.of(
                    "user unknown in local recipient table", "user unknown in virtual mailbox table",
                    "user unknown in virtual alias table", "user unknown in relay recipient table"),
                    "https://www.postfix.org/LOCAL_RECIPIENT_README.html, postconf(5) unknown_local_recipient_reject_code"),
            // qmail: qmail-send(8) / qmail-local bounce texts, https://cr.yp.to/qmail.html
            new ProviderRule(QMAIL, USER_UNKNOWN, List.of(
                    "sorry, no mailbox here by that name", "no mailbox here by that name"),
                    "https://cr.yp.to/qmail.html qmail-local: \"Sorry, no mailbox here by that name. (#5.1.1)\""),
            new ProviderRule(QMAIL, NO_RELAYING, List.of(
                    "sorry, that domain isn't in my list of allowed rcpthosts",
                    "that domain isn't in my list of allowed rcpthost"),
                    "https://cr.yp.to/qmail.html qmail-smtpd(8): rcpthosts"),
            // Lotus/HCL Domino router texts, HCL Domino administration documentation
            new ProviderRule(DOMINO, USER_UNKNOWN, List.of(
                    "not listed in domino directory", "not listed in public name & address book"),
                    "HCL Domino Administrator help, router delivery failures \"User ... not listed in Domino Directory\""),
            // Orange / La Poste: https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/ and
            // https://smtpfieldmanual.com/provider/orange (French reply texts)
            new ProviderRule(ORANGE_LAPOSTE, USER_UNKNOWN, List.of(
                    "adresse d au moins un destinataire invalide"),
                    "https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/"),
            new ProviderRule(ORANGE_LAPOSTE, SUSPEND, List.of("boite du destinataire archivee"),
                    "https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/"),
            new ProviderRule(ORANGE_LAPOSTE, MESG_TOO_BIG, List.of("taille limite du message atteinte"),
                    "https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/"),
            // Comcast: https://postmaster.comcast.net/smtp-error-codes.php ("Comcast block for spam")
            new ProviderRule(US_CABLE_ISP, BLOCKED, List.of("comcast block"),
                    "https://postmaster.comcast.net/smtp-error-codes.php (\"Comcast block for spam\")"),
            // Barracuda's public reputation list, https://www.barracudacentral.org/rbl
            new ProviderRule(BARRACUDA, BLOCKED, List.of("barracudacentral", "barracuda reputation"),
                    "https://www.barracudacentral.org/rbl/removal-request"),
            // Amazon SES: https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html (bounceType/bounceSubType)
            new ProviderRule(AMAZON, SUPPRESSED, List.of("amazon ses has suppressed sending to this address"),
                    "https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html"),
            // a notification's own verdict (parse.SesNotificationReader words it "Amazon SES bounceType T bounceSubType
            // S"), read when its diagnosticCode decides nothing: NoEmail "the target email address does not exist";
            // Suppressed / OnAccountSuppressionList: SES did not send (global or account suppression list);
            // MailboxFull; MessageTooLarge. General, ContentRejected and AttachmentRejected name no reason of theirs
            new ProviderRule(AMAZON, USER_UNKNOWN, List.of("bouncetype permanent bouncesubtype noemail"),
                    "https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html (Permanent / NoEmail)"),
            new ProviderRule(AMAZON, SUPPRESSED, List.of("bouncesubtype suppressed", "bouncesubtype onaccountsuppressionlist"),
                    "https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html (Suppressed, OnAccountSuppressionList)"),
            new ProviderRule(AMAZON, MAILBOX_FULL, List.of("bouncesubtype mailboxfull"),
                    "https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html (Transient / MailboxFull)"),
            new ProviderRule(AMAZON, MESG_TOO_BIG, List.of("bouncesubtype messagetoolarge"),
                    "https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html (Transient / MessageTooLarge)"),
            // (filtering gateways' own rule is header-based: BounceClassifier.FILTERING_GATEWAYS)
            // the sender's address or domain matched a Blocked Senders policy (or an SPF hard fail): the sender
            new ProviderRule(MIMECAST, REJECTED, List.of("administrative prohibition - envelope blocked"),
                    "Mimecast SMTP Error Codes: 550 Administrative prohibition - envelope blocked"));

    private static final List<ProviderRule> ALL = java.util.stream.Stream.of(RULES, ProviderCodeRules.all(),
            ReceivingHostRules.all(), PublishedProviderReplies.all(),
            PostmasterPageReplies.all(), CiscoSecureEmailDefaults.all(),
            HostedFilterCodes.all(), KoreanPortalReplies.all()).flatMap(List::stream).toList();

    private static final List<ProviderCodeFormat> CODE_FORMATS = List.of(new OrangeReplyCodes(), new ImailRetryReport());

    /** Providers' code formats read by a small parser behind automaton anchors ({@link ProviderCodeFormat}). */
    static List<ProviderCodeFormat> codeFormats() {
        return CODE_FORMATS;
    }
}
