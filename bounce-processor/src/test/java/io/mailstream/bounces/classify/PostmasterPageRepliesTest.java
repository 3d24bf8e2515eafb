package io.mailstream.bounces.classify;

import static io.mailstream.bounces.classify.RelayQuotedReplies.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import org.junit.jupiter.api.Test;

/**
 * Replies documented on providers' postmaster pages ({@link PostmasterPageReplies}) and the Mimecast replies added
 * to {@link ReceivingHostRules} this round, each synthetic and checked to read otherwise without its family's rules.
 */
class PostmasterPageRepliesTest {
    private static final ReasonClassifier ALL = new ReasonClassifier();

    private static ReasonClassifier without(MtaFamily family) {
        return new ReasonClassifier(RuleSelection.without(family));
    }

    @Test
    void gmxsReverseDnsCaseAtTheGreetingShouldBeAMissingPtrNotABlock() {
        String rdns = "554-gmx.net (mxgmx105) Nemesis ESMTP Service not available 554-No SMTP service 554 For explanation "
                + "visit https://postmaster.gmx.net/en/error-messages?ip=192.0.2.25&c=rdns";
        assertThat(failed(ALL, "5.0.0", 554, rdns, "mx00.emig.gmx.net", null).reason()).isEqualTo(BounceReason.REQUIRE_PTR);
        // (issue 16, rcv) withheld, the greeting stage reads the missing-PTR wording itself now (OutrankingVerdicts,
        // ReceivingMtaDefaultsTest.aMissingReverseDnsRefusedAtTheGreetingShouldBeRequirePtr): the family rule is no
        // longer the only thing that keeps this from "blocked"
        assertThat(failed(without(MtaFamily.GMX_WEBDE), "5.0.0", 554, rdns, "mx00.emig.gmx.net", null).reason())
                .isEqualTo(BounceReason.REQUIRE_PTR);
    }

    @Test
    void exchangeOnlinesExternalForwardingRefusalShouldBeAPolicyNotABlockedHost() {
        String forwarding = "550 5.7.520 Access denied, Your organization does not allow external forwarding. Please "
                + "contact your administrator for further assistance. AS(7555)";
        String host = "example-com.mail.protection.outlook.com";
        assertThat(failed(ALL, "5.7.520", 550, forwarding, host, "DATA").reason()).isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(failed(without(MtaFamily.MICROSOFT), "5.7.520", 550, forwarding, host, "DATA").reason())
                .isNotEqualTo(BounceReason.POLICY_VIOLATION);
    }

    @Test
    void exchangesSendAsRefusalShouldBeTheSendersAndSenderIdAnAuthenticationFailure() {
        String sendAs = "554 5.2.252 SendAsDenied; news@shop.example.net not allowed to send as news@other.example";
        String senderId = "550 5.7.1 Sender ID (PRA) not permitted";
        String host = "example-com.mail.protection.outlook.com";
        assertThat(failed(ALL, "5.2.252", 554, sendAs, host, "DATA").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(failed(ALL, "5.7.1", 550, senderId, host, "DATA").reason()).isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(failed(without(MtaFamily.MICROSOFT), "5.2.252", 554, sendAs, host, "DATA").reason())
                .isNotEqualTo(BounceReason.REJECTED);
        assertThat(failed(without(MtaFamily.MICROSOFT), "5.7.1", 550, senderId, host, "DATA").reason())
                .isNotEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void sesAccountSuppressionListShouldBeSuppressedAndNeverHardWhatever511Says() {
        String suppressed = "550 5.1.1 Amazon SES did not send the message to this address because it is on the "
                + "suppression list for your account.";
        String host = "email-smtp.us-east-1.amazonaws.com";
        Classification dropped = failed(ALL, "5.1.1", 550, suppressed, host, "RCPT TO");
        assertThat(dropped.reason()).isEqualTo(BounceReason.SUPPRESSED);
        assertThat(dropped.hard()).isFalse();
        Classification withoutSes = failed(without(MtaFamily.AMAZON), "5.1.1", 550, suppressed, host, "RCPT TO");
        assertThat(withoutSes.reason()).isNotEqualTo(BounceReason.SUPPRESSED);
    }

    @Test
    void comcastsEsAndBlCodesShouldJudgeTheSendingHostWhateverCommandOrStatusTheyComeWith() {
        String dynamic = "554 5.7.1 resimta-po-01v.sys.comcast.net Please see https://postmaster.comcast.net/smtp-error-codes.php#ES000010";
        String listed = "554 resimta-po-03v.sys.comcast.net 192.0.2.25 see https://postmaster.comcast.net/smtp-error-codes.php#BL000100";
        assertThat(failed(ALL, "5.7.1", 554, dynamic, "mx1.comcast.net", "RCPT TO").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed(ALL, "5.0.0", 554, listed, "mx1.comcast.net", "DATA").reason()).isEqualTo(BounceReason.BLOCKED);
        ReasonClassifier withoutComcast = without(MtaFamily.US_CABLE_ISP);
        assertThat(failed(withoutComcast, "5.7.1", 554, dynamic, "mx1.comcast.net", "RCPT TO").reason())
                .isNotEqualTo(BounceReason.BLOCKED);
        assertThat(failed(withoutComcast, "5.0.0", 554, listed, "mx1.comcast.net", "DATA").reason())
                .isNotEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void mimecastsReputationRepliesShouldBeBadReputationEvenAtTheGreeting() {
        String ct = "550 Local CT IP Reputation - (reject) https://community.mimecast.com/docs/DOC-1369#550 [AbCd.eu1]";
        String internal = "451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451";
        String host = "eu-smtp-inbound-1.mimecast.com";
        assertThat(failed(ALL, "5.0.0", 550, ct, host, null).reason()).isEqualTo(BounceReason.BAD_REPUTATION);
        assertThat(failed(ALL, "4.0.0", 451, internal, host, null).reason()).isEqualTo(BounceReason.BAD_REPUTATION);
        assertThat(failed(without(MtaFamily.MIMECAST), "5.0.0", 550, ct, host, null).reason())
                .isNotEqualTo(BounceReason.BAD_REPUTATION);
        assertThat(failed(without(MtaFamily.MIMECAST), "4.0.0", 451, internal, host, null).reason())
                .isNotEqualTo(BounceReason.BAD_REPUTATION);
        // the reply as a transcript shows it, at RCPT TO: "451 Internal resource is temporarily unavailable - <link>"
        String asSaid = "451 Internal resource is temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451";
        assertThat(failed(ALL, "4.0.0", 451, asSaid, host, "RCPT TO").reason()).isEqualTo(BounceReason.BAD_REPUTATION);
        assertThat(failed(without(MtaFamily.MIMECAST), "4.0.0", 451, asSaid, host, "RCPT TO").reason())
                .isNotEqualTo(BounceReason.BAD_REPUTATION);
    }
}
