package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * Replies that mailbox providers document on their own postmaster and help pages (GMX / web.de, Exchange
 * Online and Exchange's Sender ID agent, Comcast, Amazon SES), found by wrapping each documented reply in a synthetic DSN and keeping
 * only those the general rules misread. Each is a code or sentence one provider writes with one documented
 * meaning, so the rules are decisive and stay with their family (withheld with it by the leave-one-family-out
 * evaluation). Where a provider's page calls a refusal "permanent" but it says nothing about the address
 * (a suppression list), our asymmetric caution keeps it soft. Where Sisimai's {@code Rhost::*} module for the
 * provider reads a reply otherwise than its page (iCloud's "inactive email address" as userunknown, a Spamhaus
 * DBL listing as blocked), no rule was added: the earlier probes follow the module.
 */
final class PostmasterPageReplies {
    private PostmasterPageReplies() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String GMX = "GMX postmaster, \"Error messages\": https://postmaster.gmx.com/en/error-messages "
            + "(each reply links a page of its own, ?c=<case>)";
    private static final String EXCHANGE_ONLINE = "learn.microsoft.com, \"Email non-delivery reports and SMTP errors in "
            + "Exchange Online\" (non-delivery-reports-in-exchange-online)";
    private static final String COMCAST_CODES = "Comcast postmaster, \"Mail delivery error codes\": "
            + "http://postmaster.comcast.net/mail-error-codes.html; https://www.xfinity.com/support/articles/email-errors";
    private static final String SES_SUPPRESSION = "Amazon SES developer guide, \"Using the Amazon SES account-level suppression "
            + "list\": https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html";

    private static final List<ProviderRule> RULES = List.of(
            // GMX / web.de answer without enhanced status codes; the last line links the page of the case. c=rdns:
            // the sending IP has no valid reverse DNS (PTR) record, said at the greeting where the general rules
            // would read a blocked host
            code(GMX_WEBDE, REQUIRE_PTR, List.of("?c=rdns", "&c=rdns"), GMX + " (c=rdns: missing or invalid PTR record)"),

            // Exchange Online 5.7.520 "Access denied, Your organization does not allow external forwarding": the
            // forwarding mailbox's organisation refuses automatic forwarding by its outbound spam policy, a policy on
            // this message's way, not a verdict on our sending host
            code(MICROSOFT, POLICY_VIOLATION, List.of("does not allow external forwarding"), EXCHANGE_ONLINE + " (5.7.520)"),
            // 5.2.252 "SendAsDenied; <sender> not allowed to send as <address>": the envelope sender may not use that
            // address (the sender refused, as the "permission to send as" wording of PolicyReasonWording), which under
            // a mailbox-status code the general rules leave undecided
            code(MICROSOFT, REJECTED, List.of("sendasdenied", "not allowed to send as"), EXCHANGE_ONLINE + " (554 5.2.252)"),
            // Exchange's Sender ID agent: "550 5.7.1 Sender ID (PRA) not permitted": the purported responsible address
            // failed the domain's SPF record (Sender ID, RFC 4406), an authentication failure, not a security policy
            code(MICROSOFT, AUTH_FAILURE, List.of("sender id (pra) not permitted"),
                    "learn.microsoft.com, \"Sender ID\" (Exchange Server antispam: Sender ID agent); RFC 4406"),

            // Comcast names each block by a code and links its page ("...smtp-error-codes.php#BL000010"): ES000001 /
            // ES000010 the sending IP is in dynamic or residential space, BL000000 the IP sent in patterns characteristic
            // of spam, BL000001-BL000111 the IP is on Spamhaus ZEN, Cloudmark CSI or SenderScore lists (one bit each).
            // All judge the sending host, whatever command or status they come with (RL000001, a rate limit, is read by
            // PublishedProviderReplies)
            code(US_CABLE_ISP, BLOCKED, List.of("es000001", "es000010", "bl000000", "bl000001", "bl000010", "bl000011",
                    "bl000100", "bl000101", "bl000110", "bl000111"), COMCAST_CODES + " (ES and BL codes)"),

            // Amazon SES did not send at all: "Amazon SES did not send the message to this address because it is on the
            // suppression list for your account" (the account-level list, beside the global one ProviderRules reads).
            // SES's own drop, written under 5.1.1: suppressed, soft
            code(AMAZON, SUPPRESSED, List.of("is on the suppression list for your account"),
                    SES_SUPPRESSION + " (account-level suppression list)"));
}
