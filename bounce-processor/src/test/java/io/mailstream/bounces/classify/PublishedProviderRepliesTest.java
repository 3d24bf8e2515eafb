package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Providers' replies read from their published pages ({@link PublishedProviderReplies}). Each reply is
 * synthetic, written in the provider's documented wording as a Postfix relay quotes it ("host X said: ...
 * (in reply to RCPT TO command)", or "host X refused to talk to me: ..." at the greeting); each test also checks that without the provider's own rules the
 * general rules read the reply otherwise, so it fails without its rule.
 */
class PublishedProviderRepliesTest {
    private static Classification failed(ReasonClassifier c, String status, int code, String reply, String host,
                                         String command) {
        String wider = "<kumo@" + host + ">: host mx." + host + "[192.0.2.10] " + (command == null
                ? "refused to talk to me: " + reply : "said: " + reply + " (in reply to " + command + " command)");
        return c.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(code), reply, wider);
    }

    private static final ReasonClassifier ALL = new ReasonClassifier();

    @Test
    void zohosPolicyErrorRepliesShouldBeTheRecipientDomainsFiltersAndNeverHard() {
        Classification underUserUnknownStatus = failed(ALL, "5.1.1", 552,
                "552 5.1.1 <kumo@zoho.example> Mailbox delivery failure policy error", "zoho.com", "RCPT TO");
        assertThat(underUserUnknownStatus.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(underUserUnknownStatus.hard()).isFalse();
        assertThat(failed(ALL, "4.0.0", 452, "452 <kumo@zoho.example> Mailbox delivery restricted by policy error",
                "zoho.com", "RCPT TO").reason()).isEqualTo(BounceReason.FILTERED);

        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.ZOHO));
        assertThat(failed(without, "5.1.1", 552, "552 5.1.1 <kumo@zoho.example> Mailbox delivery failure policy error",
                "zoho.com", "RCPT TO").reason()).isNotEqualTo(BounceReason.FILTERED);
    }

    @Test
    void rackspacesMailboxRateLimitShouldBeSpeedingAndItsSpamThrottleAVerdictOnTheSendingServer() {
        String rate = "450 4.2.1 <kumo@rackspace.example>: Mailbox received too much email in a short period of time (G30)";
        String throttle = "451 4.3.0 <relay.example.net[192.0.2.25]>: Client host rejected: Throttled - Too much spam "
                + "from your mail server. Try again later.";
        assertThat(failed(ALL, "4.2.1", 450, rate, "emailsrvr.com", "RCPT TO").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(failed(ALL, "4.3.0", 451, throttle, "emailsrvr.com", "RCPT TO").reason()).isEqualTo(BounceReason.BLOCKED);

        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.RACKSPACE));
        assertThat(failed(without, "4.2.1", 450, rate, "emailsrvr.com", "RCPT TO").reason()).isNotEqualTo(BounceReason.SPEEDING);
        assertThat(failed(without, "4.3.0", 451, throttle, "emailsrvr.com", "RCPT TO").reason()).isNotEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void attsReverseDnsRefusalAtTheGreetingShouldNameTheMissingPtrNotABlock() {
        String fix = "550 5.7.1 Connections not accepted from servers without a valid sender domain. ## Fix reverse DNS "
                + "for 192.0.2.25";
        Classification refused = failed(ALL, "5.7.1", 550, fix, "prodigy.net", null);
        assertThat(refused.reason()).isEqualTo(BounceReason.REQUIRE_PTR);
        assertThat(refused.hard()).isFalse();

        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.ATT));
        // (issue 16, rcv) withheld, the greeting stage reads the missing-PTR wording itself now (OutrankingVerdicts,
        // ReceivingMtaDefaultsTest.aMissingReverseDnsRefusedAtTheGreetingShouldBeRequirePtr)
        assertThat(failed(without, "5.7.1", 550, fix, "prodigy.net", null).reason())
                .isEqualTo(BounceReason.REQUIRE_PTR);
    }

    @Test
    void webDesExhaustedStorageSpaceShouldBeAFullMailboxInEitherLanguage() {
        String both = "550 Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed storage space.";
        assertThat(failed(ALL, "5.0.0", 550, both, "web.de", "RCPT TO").reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(failed(ALL, "5.0.0", 550, "550 User has exhausted allowed storage space.", "web.de", "RCPT TO").reason())
                .isEqualTo(BounceReason.MAILBOX_FULL);

        // the German half is read by web.de's rule alone; the English one by the general wording too
        String german = "550 Benutzer hat das Speichervolumen ueberschritten.";
        assertThat(failed(ALL, "5.0.0", 550, german, "web.de", "RCPT TO").reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.GMX_WEBDE));
        assertThat(failed(without, "5.0.0", 550, german, "web.de", "RCPT TO").reason()).isNotEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(failed(without, "5.0.0", 550, both, "web.de", "RCPT TO").reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void barracudasAntiSpoofingRefusalShouldBeAPolicyOnTheMessage() {
        Classification spoof = failed(ALL, "5.0.0", 550, "550 rejecting spoofed message", "barracudanetworks.com",
                "end of DATA");
        assertThat(spoof.reason()).isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(spoof.hard()).isFalse();

        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.BARRACUDA));
        assertThat(failed(without, "5.0.0", 550, "550 rejecting spoofed message", "barracudanetworks.com", "end of DATA")
                .reason()).isNotEqualTo(BounceReason.POLICY_VIOLATION);
    }

    @Test
    void comcastsReverseDnsFailureAtTheGreetingAndItsRateLimitCodeShouldNameTheirReasons() {
        String rdns = "421 resimta-ch2-01v.sys.comcast.net comcast 192.0.2.25 Reverse DNS failure : Try again later";
        String rate = "452 4.2.1 resimta-ch2-01v.sys.comcast.net comcast 192.0.2.25 Please see "
                + "http://postmaster.comcast.net/smtp-error-codes.php#RL000001";
        assertThat(failed(ALL, "4.0.0", 421, rdns, "comcast.net", null).reason()).isEqualTo(BounceReason.REQUIRE_PTR);
        assertThat(failed(ALL, "4.2.1", 452, rate, "comcast.net", "RCPT TO").reason()).isEqualTo(BounceReason.SPEEDING);

        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.US_CABLE_ISP));
        // (issue 16, rcv) withheld, the greeting stage reads "Reverse DNS failure" itself now (OutrankingVerdicts,
        // ReceivingMtaDefaultsTest.aMissingReverseDnsRefusedAtTheGreetingShouldBeRequirePtr)
        assertThat(failed(without, "4.0.0", 421, rdns, "comcast.net", null).reason()).isEqualTo(BounceReason.REQUIRE_PTR);
        assertThat(failed(without, "4.2.1", 452, rate, "comcast.net", "RCPT TO").reason()).isNotEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void freeFrsUnusableMailFromDomainShouldBeTheSendersRefusalNotASyntaxError() {
        // a general sender refusal (SenderRefusalTexts), not a provider rule: no family withholds it
        Classification refused = failed(ALL, "5.0.0", 501, "501 Mail From Domain does not include a usable MX or A entry",
                "free.fr", "MAIL FROM");
        assertThat(refused.reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(refused.hard()).isFalse();
    }
}
