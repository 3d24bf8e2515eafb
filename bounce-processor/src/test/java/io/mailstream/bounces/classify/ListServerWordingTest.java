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
 * The wordings learned from the rule code of two PHP bounce handlers (BounceMailHandler's bmhBodyRules /
 * bmhDSNRules categories, cfortune/PHP-Bounce-Handler's bounce_responses.php), {@link ListServerWording}.
 * Every text is synthetic: the concept of a rule group, written as a server of that time would print it,
 * with our own addresses and hosts; none comes from a sample collection.
 */
class ListServerWordingTest {
    private static final String AT_RCPT = " (in reply to RCPT TO command)";
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification failed(String status, Integer code, String diagnostic) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status),
                code == null ? OptionalInt.empty() : OptionalInt.of(code), diagnostic, diagnostic);
    }

    private BounceReason reason(String status, Integer code, String diagnostic) {
        return failed(status, code, diagnostic).reason();
    }

    @Test
    void relayingRefusedInAnyOrderOfWordsShouldBeNoRelaying() {
        assertThat(reason("5.7.1", 530, "530 5.7.1 Relaying not allowed: someone@example.org" + AT_RCPT))
                .isEqualTo(BounceReason.NO_RELAYING);
        assertThat(reason("5.0.0", 550, "550 relaying to <someone@example.org> prohibited by administrator" + AT_RCPT))
                .isEqualTo(BounceReason.NO_RELAYING);
        assertThat(reason("5.7.1", 500, "500 Unauthorized relay msg rejected" + AT_RCPT)).isEqualTo(BounceReason.NO_RELAYING);
    }

    @Test
    void aRecipientNamedInvalidOrMissingInOtherWordsAtRcptShouldBeUserUnknown() {
        for (String reply : new String[] {"550 <someone@example.org>: Invalid User", "540 Error: Wrong recipients",
                "550 No such mail drop defined for this address", "550 No one with that email address here",
                "550 someone@example.org was not found in LDAP server", "550 Unable to find alias user someone@example.org",
                "553 5.3.0 <someone@example.org>... Recipient address no longer exists",
                "550 Konto someone@example.org nie istnieje", "550 Destinatario errato",
                "550 The recipient cannot be verified. Please check all recipients of this message"}) {
            Classification c = failed("5.0.0", Integer.valueOf(reply.substring(0, 3)), reply + AT_RCPT);
            assertThat(c.reason()).as(reply).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(c.hard()).as(reply).isTrue();
        }
    }

    @Test
    void theNewPatternsShouldLeaveASendersAccountAndAPostfixLogFieldAlone() {
        // an account looked for "for sender" is the sender's, not the recipient's
        assertThat(reason("5.0.0", 550, "550 Unable to find account for sender s@example.com" + AT_RCPT))
                .isNotEqualTo(BounceReason.USER_UNKNOWN);
        // Postfix's "relay=" log field names the next hop, it refuses no relaying
        assertThat(reason("4.4.1", null, "relay=mx1, status=bounced, connection refused"))
                .isNotEqualTo(BounceReason.NO_RELAYING);
    }

    @Test
    void aFullMailboxNamedWithItsAddressOrItsStorageShouldBeMailboxFullAndSoft() {
        // an X-HERMES 551 ("user not local" by its code) whose text says the mailbox is full: before, a hard hasmoved
        Classification hermes = failed(null, 551, "551 bounce as<the destination mailbox <someone@example.org> is full> "
                + "queue as 100.1.AbCdE.720k.1140313037.someone@example.org (in reply to end of DATA command)");
        assertThat(hermes.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(hermes.hard()).isFalse();
        for (String reply : new String[] {"552 User has exhausted allowed storage space", "552 recipient storage full, try again later",
                "ErrMsg=Mailbox space not enough (space limit is 10240KB)", "552 Benutzer hat zuviele Mails auf dem Server",
                "cannot append message to destination file /var/mail/someone: error writing message: File too large"}) {
            Classification c = failed(null, null, reply);
            assertThat(c.reason()).as(reply).isEqualTo(BounceReason.MAILBOX_FULL);
            assertThat(c.hard()).as(reply).isFalse();
        }
    }

    @Test
    void aMailboxSwitchedOffLockedOrClosedForInactivityShouldBeSuspendedAndSoft() {
        for (String reply : new String[] {"550 user disabled", "550 <someone@example.org>: User status is locked.",
                "550 account expired", "550 <someone> is now disabled with MTA service.", "550 Mailbox Locked or Suspended",
                "550 mailbox has been blocked due to inactivity", "550 Esta casilla ha expirado por falta de uso",
                "550 Questo indirizzo e' bloccato per inutilizzo", "550 <someone@example.org>... User account not activated"}) {
            Classification c = failed("5.0.0", 550, reply + AT_RCPT);
            assertThat(c.reason()).as(reply).isEqualTo(BounceReason.SUSPEND);
            assertThat(c.hard()).as(reply).isFalse();
        }
        // CommuniGate Pro's LOCAL module report of the account's own setting
        assertThat(reason(null, null, "LOCAL module(account someone) reports: mail receiving disabled"))
                .isEqualTo(BounceReason.SUSPEND);
    }

    @Test
    void aRecipientRefusingSomeMailShouldBeFilteredNotAHardNullMx() {
        Classification latin = failed("5.0.0", 550, "550 The user does not accept email in non-Western (non-Latin) "
                + "character sets. (in reply to end of DATA command)");
        assertThat(latin.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(latin.hard()).isFalse();
        assertThat(reason("5.7.1", 553, "553 User refused to receive this mail. (in reply to end of DATA command)"))
                .isEqualTo(BounceReason.FILTERED);
        assertThat(reason("5.0.0", 550, "550 The recipient does not accept messages with HTML (in reply to end of DATA command)"))
                .isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void sendmailsNoDataKnownIsAnAnswerFromTheNameServerNotALookupFailure() {
        Classification c = failed("5.1.2", 550, "550 5.1.2 <someone@example.org>... Host unknown "
                + "(Name server: example.org: no data known)");
        assertThat(c.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        // a resolver that failed stays a network error
        assertThat(reason("5.1.2", 550, "550 5.1.2 <someone@example.org>... Host unknown "
                + "(Name server: example.org: host name lookup failure)")).isEqualTo(BounceReason.NETWORK_ERROR);
    }

    @Test
    void theReceiversOwnFaultsInTheOperatingSystemsWordsShouldBeSystemErrors() {
        for (String text : new String[] {"Unable to switch to /var/vpopmail/domains/example.org: input/output error. (#4.3.0)",
                "can not open new email file errno=13 file=/home/vpopmail/domains/example.org/someone/Maildir/tmp/1.2.mx",
                "451 4.0.0 I/O error", "452 system load is too high, try again later",
                "451 4.3.0 <someone@example.org>: Temporary lookup failure"}) {
            assertThat(reason(null, null, text)).as(text).isEqualTo(BounceReason.SYSTEM_ERROR);
        }
    }

    @Test
    void theClientTheSenderTheMimeStructureAndDomainKeysShouldNameTheirReasons() {
        assertThat(reason("5.7.1", 554, "554 5.7.1 reject: Client host bypassing service provider's mail relay: "
                + "mx.example.net" + AT_RCPT)).isEqualTo(BounceReason.BLOCKED);
        // qmail-remote's "does not like recipient." with no reason of its own would make this a hard user unknown
        for (String reply : new String[] {"550 not allowed access from your location", "550 Connection refused due to abuse"}) {
            Classification c = failed(null, 550, "192.0.2.9 does not like recipient.\nRemote host said: " + reply);
            assertThat(c.reason()).as(reply).isEqualTo(BounceReason.BLOCKED);
            assertThat(c.hard()).as(reply).isFalse();
        }
        assertThat(reason(null, 554, "554 sender is rejected: 0,mx20,AbCdEf==.12345S2 (in reply to MAIL FROM command)"))
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reason(null, 552, "552 MessageWall: MIME/REJECT: Invalid structure (in reply to end of DATA command)"))
                .isEqualTo(BounceReason.CONTENT_ERROR);
        assertThat(reason("5.7.1", 550, "550 Message does not pass DomainKeys (in reply to end of DATA command)"))
                .isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void aNetworkFailureThatLastedUntilTheQueueGaveUpShouldBeExpired() {
        for (String last : new String[] {"someone@example.org... Deferred: mx.example.org.: No route to host",
                "451 example.org: Name server timeout"}) {
            String report = last + "\nMessage could not be delivered for 5 days\nMessage will be deleted from queue";
            assertThat(reason("4.4.7", null, report)).as(last).isEqualTo(BounceReason.EXPIRED);
            // without the queue's verdict the last attempt's network failure stays the reason
            assertThat(reason(null, null, last)).as(last).isEqualTo(BounceReason.NETWORK_ERROR);
        }
    }
}
