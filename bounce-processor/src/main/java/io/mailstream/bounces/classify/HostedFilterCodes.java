package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.ArrayList;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.HORNETSECURITY;
import static io.mailstream.bounces.classify.MtaFamily.SOPHOS;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * The reason codes of two hosted filtering services that stand in front of their customers' mail servers and
 * answer for them: Sophos Central Email writes an {@code XGEMAIL_00nn} code in its refusals, Hornetsecurity
 * (antispameurope) pairs a reply text of its own with an enhanced status code it gives its own meaning
 * (5.5.4 a spam IP, 5.5.6 a mail loop, 5.6.4 a virus ...). The code names the verdict; the words around it
 * ("Message rejected", "Recipient rejected") or the status's RFC 3463 meaning would be read otherwise (a
 * size refusal under 5.5.x as a protocol error, an LDAP "unknown domain or unknown recipient" as an unknown host).
 *
 * <p>Decisive, each withheld with its family by the leave-one-family-out evaluation. Found by wrapping each
 * documented code in a synthetic DSN; codes the general rules already read right got no rule.
 */
final class HostedFilterCodes {
    private HostedFilterCodes() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String SOPHOS_CODES = "Sophos Central Email, \"SMTP error codes\": https://docs.sophos.com/central/"
            + "customer/help/en-us/ManageYourProducts/EmailSecurity/SMTPErrorCodes/index.html";
    private static final String HORNET_CODES = "Hornetsecurity / antispameurope reason codes as its reseller documents them: "
            + "\"Workspace reason codes\", http://support.everycloudtech.com/support/solutions/articles/4000039509; "
            + "\"Workspace classification codes\", https://support.everycloud.com/support/solutions/articles/4000007755";

    /** Sophos writes its codes as "XGEMAIL_" and four digits. */
    private static List<String> xgemail(int... numbers) {
        List<String> out = new ArrayList<>();
        for (int n : numbers) {
            out.add(String.format(java.util.Locale.ROOT, "xgemail_%04d", n));
        }
        return out;
    }

    private static final List<ProviderRule> RULES = List.of(
            // Sophos: 0001 no valid DKIM signature, 0002 SPF failed, 0003 DMARC failed: the sender's authentication
            code(SOPHOS, AUTH_FAILURE, xgemail(1, 2, 3), SOPHOS_CODES + " (XGEMAIL_0001-0003)"),
            // 0004 the sending IP failed an RBL test: the host
            code(SOPHOS, BLOCKED, xgemail(4), SOPHOS_CODES + " (XGEMAIL_0004 sender IP on an RBL)"),
            // 0005 the sender's domain failed a DBL test; 0008 / 0009 a domain, IP or address on the administrator's or
            // the user's block list (as Mimecast's Blocked Senders entries are read): the sender is refused
            code(SOPHOS, REJECTED, xgemail(5, 8, 9), SOPHOS_CODES + " (XGEMAIL_0005 sender domain on a DBL; 0008/0009 block lists)"),
            // 0006 the TLS version does not match the recipient's policy (as Mimecast's TLS routes are read)
            code(SOPHOS, SECURITY_ERROR, xgemail(6), SOPHOS_CODES + " (XGEMAIL_0006 TLS version)"),
            // 0007 the recipient organisation's licence expired: the receiving side's own condition
            code(SOPHOS, SYSTEM_ERROR, xgemail(7), SOPHOS_CODES + " (XGEMAIL_0007 licence expired)"),
            // 0010 the recipient's domain is not one Sophos protects: it will not relay there (not an unknown user)
            code(SOPHOS, NO_RELAYING, xgemail(10), SOPHOS_CODES + " (XGEMAIL_0010 domain not protected)"),
            // 0011 the recipient's address does not exist in the protected domain
            code(SOPHOS, USER_UNKNOWN, xgemail(11), SOPHOS_CODES + " (XGEMAIL_0011 recipient does not exist)"),
            code(SOPHOS, MESG_TOO_BIG, xgemail(12), SOPHOS_CODES + " (XGEMAIL_0012 size)"),
            // 0014 / 0015 the recipient's inbound rate limit, from one sender or from all
            code(SOPHOS, SPEEDING, xgemail(14, 15), SOPHOS_CODES + " (XGEMAIL_0014/0015 inbound rate limits)"),

            // Hornetsecurity: "554 5.7.1 unknown domain or unknown recipient (LDAP check)": the recipient is not in the
            // customer's directory (an unknown address, not an unknown host, whatever "domain" suggests)
            code(HORNETSECURITY, USER_UNKNOWN, List.of("unknown domain or unknown recipient (ldap check)"),
                    HORNET_CODES + " (554 5.7.1 LDAP check)"),
            // "552 5.5.2 Message size (content filter)", "554 5.5.3 e-mail Rejected Content Filter Size": the size limit
            code(HORNETSECURITY, MESG_TOO_BIG, List.of("message size (content filter)", "rejected content filter size"),
                    HORNET_CODES + " (552 5.5.2, 554 5.5.3 size)"),
            // "554 5.5.7 e-mail Rejected Content Attachment": an attachment the customer's rules forbid
            code(HORNETSECURITY, POLICY_VIOLATION, List.of("rejected content attachment"), HORNET_CODES + " (554 5.5.7 attachment)"),
            // "554 5.5.6 Loop detection > 10 mal X-antispameurope-disclaimer": a mail loop through the filter (the
            // "antispam" in its header name is no spam verdict)
            code(HORNETSECURITY, NETWORK_ERROR, List.of("loop detection > 10 mal"), HORNET_CODES + " (554 5.5.6 loop detection)"));
}
