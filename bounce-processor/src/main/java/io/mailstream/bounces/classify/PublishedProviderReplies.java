package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * Replies of receiving providers read from their own published pages (Zoho, Rackspace, AT&amp;T, Comcast,
 * web.de, Barracuda), found by checking our rules with synthetic bounces against the provider-specific rules of
 * KumoMTA's community bounce classifier ({@code KumoCorp/kumomta assets/community/bounces.toml}, whose
 * rules name the provider that emits each reply) and against the providers' pages. Only replies the general
 * rules misread are here; each one sentence a single provider writes with one documented meaning, so the
 * rules are decisive and stay with their family (withheld with it by the leave-one-family-out evaluation).
 *
 * <p>KumoMTA's categories are coarser than our reasons and map by what each reply says: its
 * {@code InvalidRecipient} is {@code userunknown}, {@code InactiveMailbox} {@code suspend},
 * {@code QuotaIssues} {@code mailboxfull}; its {@code PolicyRelated} splits into {@code blocked} (the
 * sending host judged), {@code spamdetected} (the message), {@code rejected} (the sender) and
 * {@code policyviolation}. Where a provider's category and our asymmetric caution differ (a policy
 * refusal under 5.1.1), the caution wins: never a hard bounce.
 */
final class PublishedProviderReplies {
    private PublishedProviderReplies() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String ZOHO_CODES = "smtp.codes, \"Zoho\" (Zoho's published replies): https://smtp.codes/zoho";
    private static final String RACKSPACE_PAGE = "Rackspace, \"Common email bounce messages\": "
            + "https://docs.rackspace.com/docs/common-email-bounces; https://smtp.codes/rackspace";
    private static final String COMCAST_CODES = "Comcast postmaster, \"Mail delivery error codes\": "
            + "http://postmaster.comcast.net/mail-error-codes.html; http://security.comcast.net/get-help/Mail-Delivery-Error-Messages.aspx";
    private static final String ATT_PAGE = "AT&T, \"Error Message Summary\": http://rbl.att.net/block_enduser.html; "
            + "https://smtp.codes/550 (AT&T)";

    private static final List<ProviderRule> RULES = List.of(
            // Zoho: "452 <a> Mailbox delivery restricted by policy error" and "552 5.1.1 <a> Mailbox delivery failure
            // policy error": the receiving domain's own mail filters refuse this message (the page: "the receiving
            // domain has filters set-up that are blocking this message"). A filter, soft, whatever 5.1.1 says
            code(ZOHO, FILTERED, List.of("mailbox delivery restricted by policy", "mailbox delivery failure policy"),
                    ZOHO_CODES + " (452 / 552 5.1.1 mailbox delivery ... policy error)"),

            // Rackspace Email (emailsrvr.com) ends each reply with its code in parentheses: "450 4.2.1 <a>: Mailbox
            // received too much email in a short period of time (G30)", a per-mailbox rate limit (not a disabled
            // mailbox, whatever X.2.1 says); "451 4.3.0 <host[ip]>: Client host rejected: Throttled - Too much spam
            // from your mail server": the sending server is judged, not this message
            code(RACKSPACE, SPEEDING, List.of("received too much email in a short period of time"),
                    RACKSPACE_PAGE + " (450 4.2.1 ... (G30))"),
            code(RACKSPACE, BLOCKED, List.of("too much spam from your mail server"),
                    RACKSPACE_PAGE + " (451 4.3.0 Client host rejected: Throttled)"),

            // AT&T (att.net, bellsouth.net, prodigy.net): "550 5.7.1 Connections not accepted from servers without a
            // valid sender domain. ## Fix reverse DNS for <ip>": the sending IP's reverse DNS (the page: "Your IP address
            // must have a valid reverse DNS entry to send mail to the AT&T domain"), not the envelope sender's domain.
            // (Its "421-failure in DNS look-up" the general reverse-DNS wording already reads)
            code(ATT, REQUIRE_PTR, List.of("fix reverse dns for"), ATT_PAGE + " (550 5.7.1 ## Fix reverse DNS)"),

            // web.de (United Internet): "550 Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed
            // storage space.": a full mailbox. The English half the general wording reads (ListServerWording); the
            // German one only this rule
            code(GMX_WEBDE, MAILBOX_FULL, List.of("speichervolumen ueberschritten", "speichervolumen überschritten"),
                    "sitepackage.de, \"Typische Fehlermeldungen bei Unzustellbarkeit\" (web.de's replies): "
                            + "http://www.sitepackage.de/service/dokumentation/auswertung/typische-fehlermeldungen-bei-unzustellbarkeit.html"),

            // Comcast (US_CABLE_ISP): "421 - [Reverse DNS failure : Try again later]", its lookup of the sending IP's
            // rDNS failed (the page: "Comcast requires all sending IP addresses have a valid rDNS"), said at the greeting
            // where the general rules would read a blocked host; its rate-limit code RL000001 (the reply links to the
            // code's anchor on the error-code page) is a rate limit, not a disabled mailbox whatever X.2.1 says
            code(US_CABLE_ISP, REQUIRE_PTR, List.of("reverse dns failure"), COMCAST_CODES + " (421 Reverse DNS failure)"),
            code(US_CABLE_ISP, SPEEDING, List.of("#rl000001", "#rl001"), COMCAST_CODES + " (RL000001 / RL001 rate limit)"),

            // Barracuda: "550 rejecting spoofed message": its anti-spoofing check refused a message that claims a
            // sender it may not (the recipient's own domain or a known brand): a policy on the message, soft
            code(BARRACUDA, POLICY_VIOLATION, List.of("rejecting spoofed message"),
                    "https://smtp.codes/550 (Barracuda: 550 rejecting spoofed message, an impersonation check)"));
}
