package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import org.junit.jupiter.api.Test;

/**
 * Replies written as the providers' own error pages print them (issue 16): Google's "Gmail SMTP
 * errors and codes", Outlook.com's postmaster troubleshooting page, Microsoft's Exchange Online NDR
 * reference. Each would be decided otherwise without its rule; none is taken from a bounce corpus.
 */
class DocumentedProviderTextsTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification reply(int code, String status, String text) {
        return classifier.classify(code, status, text);
    }

    @Test
    void gmailsDocumentedPolicyAndAllowListRepliesShouldHaveTheirOwnReasons() {
        assertThat(reply(421, "4.7.0", "421 4.7.0 IP not in whitelist for RCPT domain, closing connection.").reason())
                .isEqualTo(BounceReason.BLOCKED);
        Classification policy = reply(550, "5.7.1", "550 5.7.1 The user or domain that you are sending to (or from) "
                + "has a policy that prohibited the mail that you sent. Please contact your domain administrator.");
        // a domain's policy, as Sisimai's Rhost::Google reads it (was filtered; branch rhD, ReceivingHostRules: in a
        // DSN the general rules read it as securityerror)
        assertThat(policy.reason()).isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(policy.hard()).isFalse();
        assertThat(reply(550, "5.7.0", "550 5.7.0 Mail Sending denied.").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(451, "4.3.0", "451 4.3.0 Temporary System Problem. Try again later.").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void outlookComsOwnCodesShouldBeReadAsTheyAreDocumented() {
        assertThat(reply(550, null, "550 SC-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. "
                + "Please contact your Internet service provider.").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(550, null, "550 DY-002 (COL0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. "
                + "The server appears to be compromised.").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(421, null, "421 RP-001 (COL0-MC1-F1) Unfortunately, some messages from 192.0.2.1 weren't sent. "
                + "Please try again. We have limits for how many messages can be sent per hour and per day.").reason())
                .isEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void exchangeOnlinesSenderRestrictionShouldBeFilteredAndSoft() {
        Classification c = reply(550, "5.7.1", "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized");
        assertThat(c.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void aDomainBlockListNamingTheSendersDomainShouldBeRejectedButAnIpListingStaysBlocked() {
        assertThat(reply(550, "5.7.1", "550 5.7.1 Service unavailable, MailFrom domain is listed in Spamhaus. "
                + "To request removal from this list see https://www.spamhaus.org/query/lookup/").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.7.1", "550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. "
                + "To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1").reason())
                .isEqualTo(BounceReason.BLOCKED);
    }
}
