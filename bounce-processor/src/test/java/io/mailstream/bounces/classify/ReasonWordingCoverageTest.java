package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.RecipientReport;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Wordings of the address- and transport-side reasons that the phrase families missed (issue 16,
 * branch {@code rsnA}): the concept behind each of Sisimai's per-reason modules (Reason::MailboxFull,
 * MesgTooBig, Suspend, NoRelaying, UserUnknown, HostUnknown, NetworkError, Speeding, TooManyConn,
 * SystemError, MailerError), written as general patterns. Every report here is synthetic, written in
 * the RFC 3464 / Postfix smtp(8) formats around one wording; none comes from a sample collection.
 */
class ReasonWordingCoverageTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    /** A DSN with a vague status, as a relay writes it: the text has to decide. */
    private Classification vague(String status, int code, String text) {
        String diagnostic = code + " " + text;
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(code),
                diagnostic, diagnostic);
    }

    /** Postfix's report of a refusal at RCPT TO, status 5.0.0. */
    private Classification atRcpt(String text) {
        String said = "host mx.example.org[192.0.2.9] said: 550 " + text + " (in reply to RCPT TO command)";
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.of(550),
                "550 " + text, said);
    }

    @Test
    void aQuotaNamedAfterItsVerbShouldBeAFullMailboxButASendersQuotaShouldNot() {
        for (String text : new String[] {"User is over the quota", "kim is over disk quota", "User has exceeded quota, bouncing mail",
                "Recipient reached disk quota", "This message would be over the allowed quota",
                "Mailbox exceeding its mailbox quota", "Full mailbox", "The recipient does not have enough space",
                "User has too many messages on the server"}) {
            Classification c = vague("5.0.0", 550, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.MAILBOX_FULL);
            assertThat(c.hard()).as(text).isFalse();
        }
        assertThat(vague("4.0.0", 421, "Daily sending quota reached for this account").reason())
                .isNotEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void aMessageSizeOverTheMaximumShouldBeMesgTooBigEvenUnderABare552() {
        // RFC 5321's 552 alone is "exceeded storage allocation" (a full mailbox); the text names the message
        for (String text : new String[] {"Exceeded maximum inbound message size", "Max message size exceeded",
                "Size limit reached", "Message size exceeded"}) {
            assertThat(vague("5.0.0", 552, text).reason()).as(text).isEqualTo(BounceReason.MESG_TOO_BIG);
        }
        assertThat(vague("5.0.0", 552, "Requested mail action aborted").reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void aSuspendedDisabledOrArchivedMailboxShouldBeSuspendAndSoft() {
        for (String text : new String[] {"User or domain is disabled", "kim@example.org is unavailable: user is terminated",
                "Mailbox currently suspended", "Recipient rejected: Temporarily inactive", "Archived recipient",
                "Account kim has been deactivated", "Mailbox unavailable or access denied"}) {
            Classification c = vague("5.0.0", 550, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.SUSPEND);
            assertThat(c.hard()).as(text).isFalse();
        }
    }

    @Test
    void aDisabledMailboxStatusOrReplyCodeShouldBeSuspendInEitherClassUnlessItIsARateLimit() {
        // RFC 3463 X.2.1 "mailbox disabled, not accepting messages" (was read as blocked under class 4)
        Classification transientDisabled = vague("4.2.1", 450, "4.2.1 Try again later");
        assertThat(transientDisabled.reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(transientDisabled.hard()).isFalse();
        assertThat(vague("4.2.1", 450, "4.2.1 The user you are trying to contact is receiving mail at a rate that "
                + "prevents additional messages from being delivered").reason()).isEqualTo(BounceReason.SPEEDING);
        // RFC 5248: 525 "user account disabled" (X.7.13), said without a status
        assertThat(classifier.classify(525, null, "525 Sorry").reason()).isEqualTo(BounceReason.SUSPEND);
    }

    @Test
    void aRelayRefusalInOtherWordsShouldBeNoRelaying() {
        for (String text : new String[] {"Not allowed as a relay", "We are not allowed to relay through this machine",
                "This is not an open relay, so get lost", "We don't handle mail for example.org",
                "This mail server requires authentication when attempting to send to a non-local e-mail address"}) {
            assertThat(atRcpt(text).reason()).as(text).isEqualTo(BounceReason.NO_RELAYING);
        }
    }

    @Test
    void userUnknownWordingsWithAnAddressInsideOrNamingTheUserAsNonexistentShouldBeUserUnknownAtRcpt() {
        for (String text : new String[] {"User kim@example.org was not found", "User (kim@example.org) unknown",
                "Recipient kim@example.org was not found in LDAP", "<kim@example.org> not found", "Non-existent user",
                "Nonexistent mailbox", "Unknown e-mail address", "Unknown local-part", "Mailbox not present",
                "Address not present in directory", "No mailbox found", "No mail box available for this user",
                "There is no one at this address", "kim is not an active address at this host"}) {
            Classification c = atRcpt(text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(c.hard()).as(text).isTrue();
        }
        // an IP address's dots still end the sentence: a client's address missing from an allow list is no unknown user
        assertThat(atRcpt("Client address 192.0.2.1 not found in the allow list").reason())
                .isNotEqualTo(BounceReason.USER_UNKNOWN);
        // quoted by a relay without the command it answered, the same words stay a cautious filtered, soft
        Classification quoted = vague("5.0.0", 550, "User kim@example.org was not found");
        assertThat(quoted.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(quoted.hard()).isFalse();
    }

    @Test
    void aBareRefusalOfTheRecipientInOtherWordsShouldBeUserUnknownOnlyAtRcpt() {
        for (String text : new String[] {"Recipient is not accepted", "Recipient not OK", "Can't accept user",
                "sorry, your envelope recipient has been denied", "Not a local address",
                "sorry, your envelope recipient is in my badrcptto list", "this recipient is not in my validrcptto list"}) {
            assertThat(atRcpt(text).reason()).as(text).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(vague("5.0.0", 550, text).reason()).as(text).isNotEqualTo(BounceReason.USER_UNKNOWN);
        }
    }

    @Test
    void aDomainNamedUnknownFurtherFromTheWordDomainShouldBeHostUnknown() {
        for (String text : new String[] {"Mail domain mentioned in email address is unknown", "The account or domain may not exist",
                "Unroutable address", "Domain must exist"}) {
            assertThat(vague("5.0.0", 550, text).reason()).as(text).isEqualTo(BounceReason.HOST_UNKNOWN);
        }
    }

    @Test
    void aResolverFailureShouldBeANetworkErrorAndSoftNotAHardHostUnknown() {
        // Sendmail's err.c: "host name lookup failure" is TRY_AGAIN; "unrouteable mail domain" names no NXDOMAIN either
        for (String text : new String[] {"Host name lookup failure", "Unrouteable mail domain \"example.org\""}) {
            Classification c = vague("5.0.0", 554, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.NETWORK_ERROR);
            assertThat(c.hard()).as(text).isFalse();
        }
    }

    @Test
    void aLimitOnConnectionsShouldBeTooManyConnAndPleaseTryAgainSlowerSpeeding() {
        assertThat(vague("4.0.0", 421, "Connection rate limit exceeded").reason()).isEqualTo(BounceReason.TOO_MANY_CONN);
        assertThat(vague("4.0.0", 421, "Trop de connexions, veuillez reessayer plus tard").reason())
                .isEqualTo(BounceReason.TOO_MANY_CONN);
        assertThat(vague("4.0.0", 421, "Message rate limit exceeded").reason()).isEqualTo(BounceReason.SPEEDING);
        // Postfix's "Client host rejected:" prefix would otherwise make it a blocked host
        assertThat(vague("4.7.1", 451, "4.7.1 <mx.example.net[192.0.2.2]>: Client host rejected: Please try again slower")
                .reason()).isEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void theReceiversOwnFailureWhileProcessingShouldBeASystemError() {
        assertThat(vague("4.0.0", 451, "It encountered an error while being processed").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void anXUnixDiagnosticUnderAStatusThatNamesNothingShouldBeAMailerError() {
        assertThat(xUnixDsn("5.0.0", "255").reason()).isEqualTo(BounceReason.MAILER_ERROR);
        // a status that names a reason of its own keeps it: the type is the weakest evidence
        assertThat(xUnixDsn("5.3.0", "77").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void theTypeReadAsEvidenceShouldNotBeWrittenIntoTheReportedDiagnostic() {
        RecipientReport report = xUnixDsn("5.0.0", "255");
        assertThat(report.reason()).isEqualTo(BounceReason.MAILER_ERROR);
        // the diagnostic travels on in bounce events as the MTA wrote it
        assertThat(report.diagnostic()).isEqualTo("255");
    }

    private static RecipientReport xUnixDsn(String status, String text) {
        String dsn = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>
                To: sender@example.com
                Subject: Returned mail: see transcript for details
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                The original message was received from a remote host.

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: RFC822; kim@example.net
                X-Actual-Recipient: X-Unix; |/usr/local/bin/deliver
                Action: failed
                Status: %s
                Diagnostic-Code: X-Unix; %s

                --B--
                """.formatted(status, text);
        return new BounceClassifier().classify(dsn.getBytes(StandardCharsets.US_ASCII)).recipients().get(0);
    }
}
