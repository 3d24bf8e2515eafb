package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.CISCO_ESA;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * The default SMTP responses of Cisco Secure Email (formerly IronPort) appliances, which many organisations
 * front their mail servers with ({@code *.iphmx.com} for the cloud service). An administrator may reword them,
 * but most keep the defaults the AsyncOS user guides print, and each default names one verdict. The general
 * rules misread them: the HAT's reputation refusal comes at the greeting, where a refusal reads as a blocked
 * host, and the authentication defaults say "prohibited", not which check failed.
 *
 * <p>Decisive and withheld with {@link MtaFamily#CISCO_ESA} by the leave-one-family-out evaluation, like the
 * other providers' own texts ({@link ProviderCodeRules}). Found by checking our rules with synthetic bounces
 * against the guides' defaults; no sample bounce was used. (A THROTTLED policy's "452 Too many recipients
 * received this hour" is left to the general rules: Sisimai's {@code Rhost::GoDaddy} reads the same reply as
 * {@code toomanyconn}, the guide as an hourly recipient limit.)
 */
final class CiscoSecureEmailDefaults {
    private CiscoSecureEmailDefaults() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String ASYNCOS_GUIDE = "Cisco, \"User Guide for AsyncOS for Cisco Email Security Appliances\", "
            + "chapters \"Email Authentication\" (SPF, DKIM and DMARC verification profiles) and \"Configuring the Gateway "
            + "to Receive Email\" (HAT sender groups and mail flow policies)";

    private static final List<ProviderRule> RULES = List.of(
            // The HAT's BLOCKED mail flow policy (sender groups chosen by SenderBase reputation score) refuses the
            // connection with "554 Your access to this mail system has been rejected due to the sending MTA's poor
            // reputation": the sending host's reputation, read as Sisimai's Reason::BadReputation reads the same
            // sentence, not merely a block at the greeting
            code(CISCO_ESA, BAD_REPUTATION, List.of("the sending mta's poor reputation", "the sending mtas poor reputation"),
                    ASYNCOS_GUIDE + " (HAT BLOCKED policy, SenderBase reputation); Sisimai Reason::BadReputation"),
            // SPF, DKIM and DMARC verification refuse with "#5.7.1 SPF unauthorized mail is prohibited.", "#5.7.1 DKIM
            // unauthenticated mail is prohibited." and "#5.7.1 DMARC unauthenticated mail is prohibited.": the sender's
            // authentication failed, whatever "prohibited" suggests (the general rules read a security error)
            code(CISCO_ESA, AUTH_FAILURE, List.of("spf unauthorized mail is prohibited", "dkim unauthenticated mail is prohibited",
                    "dmarc unauthenticated mail is prohibited", "dkim unauthorized mail is prohibited"),
                    ASYNCOS_GUIDE + " (SPF / DKIM / DMARC verification, Reject: 550 #5.7.1 ... mail is prohibited)"));
}
