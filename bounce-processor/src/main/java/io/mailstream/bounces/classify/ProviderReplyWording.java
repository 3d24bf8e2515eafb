package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.mailstream.bounces.BounceReason.*;

/**
 * General wordings of receiving servers' replies that {@link DiagnosticPhrases} lacked, found by checking our
 * rules with synthetic bounces against the rules of KumoMTA's community bounce classifier
 * ({@code KumoCorp/kumomta assets/community/bounces.toml}: regexes per category, many naming the provider whose
 * reply they match) and against providers' published pages. They join the reasons' phrase families like
 * {@link PolicyReasonWording}: one automaton pass, no regex.
 *
 * <p>Each group is written as the idea behind the replies, so that it also matches wordings neither source
 * lists; KumoMTA's category is mapped by what the words say (its {@code InactiveMailbox} is {@code suspend},
 * soft: a closed or never-activated mailbox is no proof that the address is bad).
 */
final class ProviderReplyWording {
    private ProviderReplyWording() {
    }

    static Map<BounceReason, List<String>> literals() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        // KumoMTA InactiveMailbox ("Account is not active", "User account not activated", Comcast's "Account
        // Closed, Please Remove"; Lycos' "Recipient address rejected: Account Closed" on sitepackage.de's list of
        // typical replies): a mailbox its provider closed or that was never activated, RFC 3463 X.2.1 "mailbox
        // disabled". Soft, and read before the bare "recipient address rejected" that would make it a hard unknown
        m.put(SUSPEND, List.of("account closed", "account has been closed", "account is closed", "account was closed",
                "account not activated", "account is not activated", "account not yet activated",
                "account has not been activated",
                // the same state said as an adjective before the mailbox ("550 5.1.1 Suspended user", "550 5.1.1 Inactive
                // mbox", as Korean portals write them under 5.1.1): still a disabled mailbox, soft
                "suspended user", "suspended mailbox", "suspended mbox", "inactive mailbox", "inactive mbox",
                "disabled mailbox", "disabled user", "deactivated user", "deactivated mailbox",
                // and in other words: switched off for now, run out, closed or about to be removed ("Account temporarily
                // disabled", "Account expired", "Mailbox has been closed", "Account is pending deletion")
                "temporarily disabled", "account expired", "account has expired", "mailbox closed", "mailbox is closed",
                "mailbox has been closed", "pending deletion"));
        // KumoMTA InvalidRecipient ("550 ... recipient unrecognized"): the recipient not recognised, said of the address
        m.put(USER_UNKNOWN, List.of("recipient unrecognized", "recipient unrecognised", "unrecognized recipient",
                "unrecognised recipient"));
        // KumoMTA AuthenticationFailed / PolicyRelated: an SPF verdict in the words Exim's documented SPF ACL writes
        // ("$sender_host_address is not allowed to send mail from <domain>", Exim specification, "SPF" condition;
        // Interia's "[SPF] <ip> is not allowed to send mail from <domain>") and a refusal "blocked by SPF" (Forpsi
        // and other Czech hosters' replies): the sender's authentication failed, not a block of the host
        m.put(AUTH_FAILURE, List.of("is not allowed to send mail from", "blocked by spf", "rejected by spf"));
        // KumoMTA PolicyRelated ("550 ... Your access to submit messages to this e-mail system has been rejected",
        // which MXroute's changelog ties to the sending IP's reputation at Microsoft-hosted receivers): the
        // client's access refused, the sending host judged
        m.put(BLOCKED, List.of("your access to submit messages"));
        // KumoMTA TransientFailure ("451 Temporarily unable to process your email"): the receiver cannot process
        // mail for now, its own condition
        m.put(SYSTEM_ERROR, List.of("temporarily unable to process"));
        return m;
    }
}
