package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import org.junit.jupiter.api.Test;

/** Rules of {@link ReasonClassifier} for synchronous replies (status, reply code and text together). */
class ReasonClassifierTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private BounceReason reasonOf(Integer reply, String status, String text) {
        return classifier.classify(reply, status, text).reason();
    }

    @Test
    void mailboxDisabledStatusShouldBeSuspendedEvenWhenTheTextSaysUserUnknown() {
        assertThat(reasonOf(550, "5.2.1", "550 5.2.1 <a@example.org>... User Unknown")).isEqualTo(BounceReason.SUSPEND);
    }

    @Test
    void userUnknownAnsweredToRcptShouldBeatTheMailboxDisabledStatus() {
        Classification c = classifier.classify(550, "5.2.1",
                "SMTP error from remote mail server after RCPT TO:<a@example.org>: 550 5.2.1 <a@example.org>... User Unknown");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isTrue();
    }

    @Test
    void perMailboxRateLimitUnderMailboxDisabledStatusShouldBeSpeeding() {
        assertThat(reasonOf(550, "5.2.1", "550-5.2.1 The user you are trying to contact is receiving mail at a rate that "
                + "prevents additional messages from being delivered.")).isEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void userUnknownAtRcptShouldStayUserUnknownWhenTheReportAlsoSaysRejectedByRemoteServer() {
        assertThat(reasonOf(550, null, "Each of the following recipients was rejected by a remote mail server. "
                + ">>> RCPT TO:<a@example.org> <<< 550 <a@example.org>: User unknown")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reasonOf(null, null, "Each of the following recipients was rejected by a remote mail server."))
                .isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void uriBlockListShouldBeSpamContentNotABlockedHost() {
        assertThat(reasonOf(550, null, "550-REJECTED - Blacklisted URL in message. (example.com) in [black]. "
                + "550-See http://lookup.uribl.com.")).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(reasonOf(550, null, "550 Client host 192.0.2.1 blocked using zen.spamhaus.org"))
                .isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void missingReverseDnsNamedAfterMailFromShouldBeRequirePtr() {
        assertThat(reasonOf(450, null, "SMTP error from remote mail server after MAIL FROM:<s@example.com> SIZE=1024: "
                + "450 service permits 2 unverifyable sending IPs - example.com is not 203.0.113.2"))
                .isEqualTo(BounceReason.REQUIRE_PTR);
    }

    @Test
    void spfAdviceShouldNotOutrankAnExplicitSpamVerdict() {
        assertThat(reasonOf(null, "5.0.0", "Your email to group g@example.com was rejected due to spam classification. "
                + "Set up SPF records for your sending domain if you have not done so already."))
                .isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(reasonOf(550, "5.1.0", "550 5.1.0 192.0.2.1 is not allowed to send from <example.net> per it's SPF Record."))
                .isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void complaintsAndVolumeDeferralShouldBeBadReputation() {
        assertThat(reasonOf(421, "4.7.0", "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to "
                + "unexpected volume or user complaints")).isEqualTo(BounceReason.BAD_REPUTATION);
    }

    @Test
    void unverifiedSenderIdentityAtARelayShouldBeNoRelaying() {
        assertThat(reasonOf(554, null, "554 Message rejected: Email address is not verified. The following identities "
                + "failed the check in region US-EAST-1: a@example.jp")).isEqualTo(BounceReason.NO_RELAYING);
    }
}
