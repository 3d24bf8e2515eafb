package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * Replies that mailbox providers document on their own postmaster and help pages (T-Online, GMX / web.de,
 * iCloud, Exchange Online, Amazon SES), found by wrapping each documented reply in a synthetic DSN and keeping
 * only those the general rules misread. Each is a code or sentence one provider writes with one documented
 * meaning, so the rules are decisive and stay with their family (withheld with it by the leave-one-family-out
 * evaluation). Where a provider's page calls a refusal "permanent" but it says nothing about the address
 * (reputation, a deactivated alias, a suppression list), our asymmetric caution keeps it soft.
 */
final class PostmasterPageReplies {
    private PostmasterPageReplies() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String TONLINE = "T-Online postmaster, https://postmaster.t-online.de/index.en.html (4.6/4.7 why mail "
            + "or connections are refused; 4.11 whitelist); spamresource.com, \"Whoops: T-Online.de not accepting mail\" (2020)";
    private static final String GMX = "GMX postmaster, \"Error messages\": https://postmaster.gmx.com/en/error-messages "
            + "(each reply links a page of its own, ?c=<case>)";
    private static final String ICLOUD = "Apple, \"Postmaster information for iCloud Mail\": https://support.apple.com/en-us/102322; "
            + "https://smtp.codes/icloud; https://bentonow.com/smtp-errors/apple";
    private static final String EXCHANGE_ONLINE = "learn.microsoft.com, \"Email non-delivery reports and SMTP errors in "
            + "Exchange Online\" (non-delivery-reports-in-exchange-online), 5.7.520";
    private static final String SES_SUPPRESSION = "Amazon SES developer guide, \"Using the Amazon SES account-level suppression "
            + "list\": https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html";

    private static final List<ProviderRule> RULES = List.of(
            // T-Online accepts mail only from hosts it knows: "554 IP=<ip> - None/bad reputation. Ask your postmaster ...
            // for reset. (NOWL)" refuses a host with no or a bad reputation (not on its whitelist), a reputation
            // verdict; its "(BL)" (blocked by the abuse team) the general rules already read as blocked
            code(TELEKOM, BAD_REPUTATION, List.of("none/bad reputation", "(nowl)"), TONLINE + " ((NOWL) none/bad reputation)"),

            // GMX / web.de answer without enhanced status codes; the last line links the page of the case. c=rdns:
            // the sending IP has no valid reverse DNS (PTR) record, said at the greeting where the general rules
            // would read a blocked host
            code(GMX_WEBDE, REQUIRE_PTR, List.of("?c=rdns", "&c=rdns"), GMX + " (c=rdns: missing or invalid PTR record)"),

            // iCloud: "550 5.1.1 <a>: inactive email address" is an address its owner deactivated (a Hide My Email
            // alias, an account paused), not one that never existed: a disabled mailbox, soft, whatever 5.1.1 says.
            // "Your email was rejected due to having a domain present in the Spamhaus DBL": a domain in the message's
            // content (iCloud checks the URLs of the body) is listed, so the content is judged, not the sending host
            code(APPLE, SUSPEND, List.of("inactive email address"), ICLOUD + " (550 5.1.1 inactive email address)"),
            code(APPLE, SPAM_DETECTED, List.of("domain present in the spamhaus dbl"), ICLOUD + " (550 5.7.1 Spamhaus DBL)"),

            // Exchange Online 5.7.520 "Access denied, Your organization does not allow external forwarding": the
            // forwarding mailbox's organisation refuses automatic forwarding by its outbound spam policy, a policy on
            // this message's way, not a verdict on our sending host
            code(MICROSOFT, POLICY_VIOLATION, List.of("does not allow external forwarding"), EXCHANGE_ONLINE),

            // Amazon SES did not send at all: "Amazon SES did not send the message to this address because it is on the
            // suppression list for your account" (the account-level list, beside the global one ProviderRules reads).
            // SES's own drop, written under 5.1.1: suppressed, soft
            code(AMAZON, SUPPRESSED, List.of("is on the suppression list for your account"),
                    SES_SUPPRESSION + " (account-level suppression list)"));
}
