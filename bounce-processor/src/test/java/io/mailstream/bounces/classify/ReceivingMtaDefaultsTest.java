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
 * The default refusal texts receiving MTAs write (issue 16, rcv), each read from the MTA's
 * documentation or source, quoted as a Postfix DSN quotes them: once with the stage Postfix names
 * ("in reply to RCPT TO command", "refused to talk to me") and once bare, as a relay quotes a reply
 * it got. Synthetic texts; the reason must not depend on the stage being named.
 */
class ReceivingMtaDefaultsTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification said(String reply, String stage) {
        String text = "host mx.example.org[192.0.2.1] said: " + reply + " (in reply to " + stage + " command)";
        return classify(reply, text);
    }

    private Classification atGreeting(String reply) {
        return classify(reply, "host mx.example.org[192.0.2.1] refused to talk to me: " + reply);
    }

    private Classification bare(String reply) {
        return classify(reply, "host mx.example.org[192.0.2.1] said: " + reply);
    }

    private Classification classify(String reply, String text) {
        Optional<DeliveryStatus> status = DiagnosticText.findStatus(reply);
        OptionalInt code = OptionalInt.of(Integer.parseInt(reply.substring(0, 3)));
        return classifier.classify(Optional.of(DsnAction.FAILED), status, code, text, text);
    }

    @Test
    void connectionLimitDefaultsShouldBeTooManyConnAtTheGreetingAndQuotedBareEvenUnder432() {
        // postscreen(8), Sendmail FEATURE(conncontrol), Exchange's receive connector
        for (String reply : new String[] {"421 4.3.2 All server ports are busy", "421 4.3.2 Too many open connections.",
                "421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel"}) {
            assertThat(atGreeting(reply).reason()).as(reply).isEqualTo(BounceReason.TOO_MANY_CONN);
            assertThat(bare(reply).reason()).as(reply).isEqualTo(BounceReason.TOO_MANY_CONN);
            assertThat(bare(reply).hard()).isFalse();
        }
        // X.3.2 without a connection limit named stays the status's own reason
        assertThat(bare("421 4.3.2 System not accepting network messages").reason()).isEqualTo(BounceReason.NOT_ACCEPT);
    }

    @Test
    void exchangesMessageRateLimitShouldBeSpeedingNotANetworkError() {
        String reply = "421 4.4.2 Message submission rate for this client has exceeded the configured limit";
        assertThat(said(reply, "MAIL FROM").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(bare(reply).reason()).isEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void hMailServersRelayRefusalShouldBeNoRelaying() {
        String reply = "550 Delivery is not allowed to this address.";
        assertThat(said(reply, "RCPT TO").reason()).isEqualTo(BounceReason.NO_RELAYING);
        assertThat(bare(reply).reason()).isEqualTo(BounceReason.NO_RELAYING);
        assertThat(bare(reply).hard()).isFalse();
    }

    @Test
    void postfixsMissingTransportShouldBeASystemError() {
        Classification c = classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("4.3.0"),
                OptionalInt.empty(), "mail transport unavailable", "mail transport unavailable");
        assertThat(c.reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void sendmailQmailAndSpamdykeSenderDomainRefusalsShouldBeRejectedAndNeverHard() {
        for (String reply : new String[] {"553 5.5.4 <news>... Domain name required for sender address news",
                "553 sorry, your envelope sender domain must exist (#5.7.1)",
                "553 sorry, can't find a valid MX for sender domain (#5.1.1 - chkuser)",
                "421 Refused. The sender's domain has no mail exchanger."}) {
            for (Classification c : new Classification[] {said(reply, "RCPT TO"), said(reply, "MAIL FROM"), bare(reply)}) {
                assertThat(c.reason()).as(reply).isEqualTo(BounceReason.REJECTED);
                assertThat(c.hard()).as(reply).isFalse();
            }
        }
    }

    @Test
    void postfixsRhsblSenderReplyShouldBeRejectedWhileItsClientAndHeloListingsStayBlocked() {
        assertThat(bare("554 5.7.1 Service unavailable; Sender address [news@shop.example.net] blocked using dbl.example.net")
                .reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(said("554 5.7.1 Service unavailable; Sender address [news@shop.example.net] blocked using dbl.example.net",
                "RCPT TO").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(bare("554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.example.net")
                .reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(bare("554 5.7.1 Service unavailable; Helo command [mail.example.net] blocked using dbl.example.net")
                .reason()).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void eximsLineLengthLimitShouldBeAContentError() {
        String text = "message has lines too long for transport";
        Classification c = classifier.classify(Optional.of(DsnAction.FAILED), Optional.empty(), OptionalInt.empty(),
                text, text);
        assertThat(c.reason()).isEqualTo(BounceReason.CONTENT_ERROR);
    }

    @Test
    void aMissingReverseDnsRefusedAtTheGreetingShouldBeRequirePtr() {
        // spamdyke answers the connection; Postfix's reject_unknown_client_hostname without smtpd_delay_reject too
        assertThat(atGreeting("421 Refused. You have no reverse DNS entry.").reason()).isEqualTo(BounceReason.REQUIRE_PTR);
        assertThat(atGreeting("450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]").reason())
                .isEqualTo(BounceReason.REQUIRE_PTR);
        // a block list at the greeting stays blocked
        assertThat(atGreeting("554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.example.net")
                .reason()).isEqualTo(BounceReason.BLOCKED);
    }
    @Test
    void eximsFailingPipeCommandShouldBeAMailerError() {
        String text = "Child process of address_pipe transport returned 69 (could mean service or program unavailable)"
                + " from command: /usr/local/bin/filter";
        Classification c = classifier.classify(Optional.of(DsnAction.FAILED), Optional.empty(), OptionalInt.empty(),
                text, text);
        assertThat(c.reason()).isEqualTo(BounceReason.MAILER_ERROR);
    }

    @Test
    void qmailSmtpdsQueueFailuresShouldBeASystemError() {
        assertThat(said("451 qq temporary problem (#4.3.0)", "end of DATA").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(bare("451 qq write error or disk full (#4.3.0)").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void postfixsDeferredUnknownRecipientDomainUnder412ShouldBeHostUnknownButSoftWhileAResolverFailureIsNetwork() {
        Classification nxdomain = said("450 4.1.2 <a@example.invalid>: Recipient address rejected: Domain not found", "RCPT TO");
        assertThat(nxdomain.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(nxdomain.hard()).isFalse();
        assertThat(bare("450 4.1.2 <a@example.invalid>: Recipient address rejected: Domain not found").reason())
                .isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(said("450 4.4.3 <a@example.org>: Recipient address rejected: Domain not found", "RCPT TO").reason())
                .isEqualTo(BounceReason.NETWORK_ERROR);
    }
    @Test
    void aRefusalNamingOnlyTheRecipientQuotedWithoutItsCommandShouldBeFilteredAndSoft() {
        // qmail's validrcptto patch: at RCPT TO the address is unknown; quoted bare by a relay it may have come later
        String reply = "553 sorry, this recipient is not in my validrcptto list (#5.7.1)";
        assertThat(said(reply, "RCPT TO").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(bare(reply).reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(bare(reply).hard()).isFalse();
        // the dispatcher's own synchronous reply is no relay's quote: the status decides as before
        assertThat(classifier.classify(553, "5.7.1", reply).reason()).isNotEqualTo(BounceReason.FILTERED);
    }
}
