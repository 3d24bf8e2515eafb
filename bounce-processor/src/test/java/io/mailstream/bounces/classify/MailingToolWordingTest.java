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
 * The wordings learned from two mailing tools' bounce tables (CiviCRM's civicrm_mailing_bounce_pattern types,
 * the Ruby bounce_email gem's get_status_from_text), {@link MailingToolWording}. Every text is synthetic: the
 * concept of a pattern group, written as a server would print it, with our own addresses and hosts; none comes
 * from a sample collection.
 */
class MailingToolWordingTest {
    private static final String AT_RCPT = " (in reply to RCPT TO command)";
    private static final String AT_DATA = " (in reply to end of DATA command)";
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification failed(String status, Integer code, String diagnostic) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status),
                code == null ? OptionalInt.empty() : OptionalInt.of(code), diagnostic, diagnostic);
    }

    private Classification reply(String reply) {
        return failed(null, Integer.valueOf(reply.substring(0, 3)), reply);
    }

    @Test
    void aDomainWithoutAnyRecordsSaidPermanentlyShouldBeHostUnknown() {
        for (String text : new String[] {"550 No matches to nameserver query for example.org" + AT_RCPT,
                "550 5.1.2 No nameserver entry for domain example.org" + AT_RCPT,
                "550 example.org: no DNS entries for this domain" + AT_RCPT,
                "553 no mail server for domain example.org" + AT_RCPT}) {
            Classification c = reply(text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.HOST_UNKNOWN);
            assertThat(c.hard()).as(text).isTrue();
        }
    }

    @Test
    void noRecordsForTheSendersDomainOrATransientLookupShouldNotBeHostUnknown() {
        assertThat(reply("553 no DNS records for example.com, the sender domain" + AT_RCPT).reason())
                .isNotEqualTo(BounceReason.HOST_UNKNOWN);
        Classification lookup = reply("451 name lookup failure for example.org, try again later" + AT_RCPT);
        assertThat(lookup.reason()).isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(lookup.hard()).isFalse();
    }

    @Test
    void anAddressNotFoundOrNotRegisteredOrMissingFromTheDirectoryShouldBeUserUnknown() {
        for (String text : new String[] {"550 The following addresses could not be found" + AT_RCPT,
                "550 No e-mail address registered for someone@example.org" + AT_RCPT,
                "550 unregistered address someone@example.org" + AT_RCPT,
                "550 someone@example.org not listed in Domino Directory" + AT_RCPT}) {
            Classification c = reply(text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(c.hard()).as(text).isTrue();
        }
    }

    @Test
    void aMailboxSwitchedOffOrNoLongerAcceptingMailShouldBeSuspendAndSoft() {
        for (String text : new String[] {"550 The mailaddress is administratively disabled" + AT_RCPT,
                "550 mail address is administrativly disabled" + AT_RCPT,
                "550 This address no longer accepts mail" + AT_RCPT}) {
            Classification c = reply(text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.SUSPEND);
            assertThat(c.hard()).as(text).isFalse();
        }
    }

    @Test
    void aPersonNoLongerThereShouldBeSuspendAndSoftNotAnUnknownUser() {
        for (String text : new String[] {"550 user no longer on staff" + AT_RCPT,
                "550 Recipient is no longer employed here" + AT_RCPT,
                "550 The recipient is no longer with the company" + AT_RCPT,
                "550 Recipient no longer using this account" + AT_RCPT}) {
            Classification c = reply(text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.SUSPEND);
            assertThat(c.hard()).as(text).isFalse();
        }
        // Apple's 5.1.6 "recipient no longer on server" stays hasmoved: the address itself is gone
        assertThat(failed("5.1.6", 550, "550 5.1.6 recipient no longer on server: someone@example.org" + AT_RCPT).reason())
                .isEqualTo(BounceReason.HAS_MOVED);
    }

    @Test
    void anAddressDroppedForItsPlaceOnASuppressionListShouldBeSuppressed() {
        assertThat(failed("5.0.0", 550, "550 Dropped: Bounced Address").reason()).isEqualTo(BounceReason.SUPPRESSED);
        assertThat(failed("5.0.0", 550, "550 Dropped: Unsubscribed Address").reason()).isEqualTo(BounceReason.SUPPRESSED);
    }

    @Test
    void relayingRefusedInTheRelayTypesWordsShouldBeNoRelaying() {
        assertThat(reply("550 5.7.1 This server is not configured to relay mail" + AT_RCPT).reason())
                .isEqualTo(BounceReason.NO_RELAYING);
        assertThat(reply("550 relayed mail to <someone@example.org> not allowed" + AT_RCPT).reason())
                .isEqualTo(BounceReason.NO_RELAYING);
    }

    @Test
    void aClientAddressThatMustResolveShouldBeRequirePtr() {
        assertThat(reply("554 Sender IP must resolve to a hostname (in reply to MAIL FROM command)").reason())
                .isEqualTo(BounceReason.REQUIRE_PTR);
    }

    @Test
    void deliveryToTheRecipientRefusedAfterDataShouldBeFilteredAndSoft() {
        for (String text : new String[] {"550 Mail delivery to this user is not allowed" + AT_DATA,
                "550 Delivery not authorized, message refused" + AT_DATA,
                "550 Message blocked by a user configured filter" + AT_DATA}) {
            Classification c = failed("5.7.1", 550, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.FILTERED);
            assertThat(c.hard()).as(text).isFalse();
        }
    }

    @Test
    void aMessageAgainstTheReceiversPolicyOrAnAttachmentRuleShouldBePolicyViolation() {
        for (String text : new String[] {"550 5.7.1 Message does not conform to our e-mail policy" + AT_DATA,
                "550 Rejected by attachment blocking filter" + AT_DATA,
                "554 Message blocked by content control" + AT_DATA,
                "554 5.7.1 Unzulässiger Anhang in der Nachricht" + AT_DATA}) {
            assertThat(failed("5.7.1", 550, text).reason()).as(text).isEqualTo(BounceReason.POLICY_VIOLATION);
        }
    }

    @Test
    void aBulkMailFilterShouldBeSpamDetected() {
        assertThat(failed("5.7.1", 550, "550 5.7.1 Message rejected by bulk email filter" + AT_DATA).reason())
                .isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void aConnectAttemptThatFailedOrWasDroppedShouldBeNetworkError() {
        for (String text : new String[] {"connect to mx.example.org[192.0.2.9]:25: Connection refused",
                "Connection was dropped by remote host", "Could not initiate SMTP conversation with any hosts"}) {
            Classification c = failed("4.0.0", null, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.NETWORK_ERROR);
            assertThat(c.hard()).as(text).isFalse();
        }
    }

    @Test
    void aBareLineFeedRefusedShouldBeSyntaxError() {
        assertThat(failed(null, 451, "451 See http://pobox.com/~djb/docs/smtplf.html." + AT_DATA).reason())
                .isEqualTo(BounceReason.SYNTAX_ERROR);
    }
}
