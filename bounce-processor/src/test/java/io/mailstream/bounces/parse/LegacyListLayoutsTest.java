package io.mailstream.bounces.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failed addresses in the layouts of 1990s-2010s mail systems that Sympa's anabounce has one heuristic each
 * for (sympa-community/sympa, bounce-lib.pl {@code anabounce}: a start sentence, then where the address
 * stands): X.400 gateways, IBM VM, CompuServe, UUCP, the "Recipient: / Reason:" and "Message not delivered
 * to the following:" layouts (issue 16, branch {@code sym}). Synthetic reports written from each layout as
 * the heuristic expects it, never copied from a collection of real bounces; each also names an address that
 * did not fail (a help desk, a second recipient of the returned message).
 */
class LegacyListLayoutsTest {
    private static final String TWO = "To: Anne Marie <anne.marie@corp.example.org>, Colleague <colleague@corp.example.org>\n";

    @Test
    void aHelpDeskTheReportAsksToWriteToShouldNeverBeReportedEvenWhereNoAddressIsMarked() throws Exception {
        // nothing in the text marks an address: the subject names the failed one, the help desk is not it
        String subjectOnly = """
                From: MAILER-DAEMON@mx.example.org
                To: sender@example.com
                Subject: Returned mail: message not deliverable: <nobody@example.org>

                This message was not delivered.
                If you need help, write to helpdesk@isp.example.net.
                """;
        assertThat(recipients(subjectOnly.getBytes(StandardCharsets.UTF_8))).containsExactly("nobody@example.org");
        // a role's label before the help desk's address, under the paragraph the opening sentence announced
        String labelled = """
                -----Message not delivered to the following:

                    nobody@example.org    Mailbox unknown

                -----Error Text:
                    Please check the address. Help: helpdesk@isp.example.net

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(labelled, "To: nobody@example.org\n"))).containsExactly("nobody@example.org");
    }

    @Test
    void anX400GatewaysReportShouldNameTheReturnedRecipientItsORAddressSpells() throws Exception {
        String slashes = """
                Your message was not delivered to:
                  /G=Anne/S=Marie/O=Corp/PRMD=Example/ADMD=Atlas/C=FR/
                for the following reason:
                  Unknown recipient

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(slashes, TWO))).containsExactly("anne.marie@corp.example.org");
        String semicolons = slashes.replace("/G=Anne/S=Marie/O=Corp/PRMD=Example/ADMD=Atlas/C=FR/",
                "G=Anne; S=Marie; O=Corp; P=Example; A=Atlas; C=FR");
        assertThat(recipients(bounce(semicolons, TWO))).containsExactly("anne.marie@corp.example.org");
        String personalName = slashes.replace("/G=Anne/S=Marie/", "/PN=Anne.Marie/");
        assertThat(recipients(bounce(personalName, TWO))).containsExactly("anne.marie@corp.example.org");
        // by the display name when the local part is another
        assertThat(recipients(bounce(slashes, "To: Anne Marie <am1234@corp.example.org>, Colleague <colleague@corp.example.org>\n")))
                .containsExactly("am1234@corp.example.org");
        // a name no returned recipient has, or two recipients so named: which failed would be a guess
        assertThat(recipients(bounce(slashes.replace("S=Marie", "S=Curie"), TWO))).isEmpty();
        assertThat(recipients(bounce(slashes,
                "To: anne.marie@corp.example.org, \"Anne Marie\" <amarie@home.example.net>\n"))).isEmpty();
    }

    @Test
    void aDeliveryStatusRecipientWrittenAsAnX400AddressShouldBeTheReturnedRecipientItsNameSpells() throws Exception {
        String mail = """
                From: postmaster@corp.example.org
                To: sender@example.com
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Your message could not be delivered to one or more recipients.

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; gw.corp.example.org

                Final-Recipient: X400; c=DE;a= ;p=Corp;o=Sales;s=Marie;g=Anne;
                Action: failed
                Status: 5.1.1

                --b
                Content-Type: text/rfc822-headers

                From: Sender <sender@example.com>
                %sSubject: the campaign

                --b--
                """.formatted(TWO);
        assertThat(recipients(mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly("anne.marie@corp.example.org");
    }

    @Test
    void aDominoReportShouldNameTheReturnedRecipientItsHierarchicalNameSpells() throws Exception {
        String domino = """
                Your message

                  Subject: the campaign

                was not delivered to:

                  CN=Quinn Lotus/OU=Sales/O=Corp@CORP

                because:

                  User Quinn Lotus (CN=Quinn Lotus/OU=Sales/O=Corp@CORP) not listed in Domino Directory

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(domino, "To: \"Quinn Lotus\" <ql@corp.example.org>, Colleague <colleague@corp.example.org>\n")))
                .containsExactly("ql@corp.example.org");
    }

    @Test
    void anAddressExchangeEncapsulatedShouldBeReadAsTheAddressItEncapsulates() throws Exception {
        assertThat(Addresses.deEncapsulated("IMCEASMTP-nobody+2Eimcea+40example+2Eorg@corp.example.com"))
                .isEqualTo("nobody.imcea@example.org");
        // not an SMTP encapsulation, or one that does not decode to an address: left as it was
        assertThat(Addresses.deEncapsulated("IMCEAEX-_o=Corp_ou=Admin_cn=Recipients_cn=nobody@corp.example.com"))
                .isEqualTo("IMCEAEX-_o=Corp_ou=Admin_cn=Recipients_cn=nobody@corp.example.com");
        assertThat(Addresses.deEncapsulated("IMCEASMTP-nobody@corp.example.com")).isEqualTo("IMCEASMTP-nobody@corp.example.com");
        String exchange = """
                did not reach the following recipient(s):

                IMCEASMTP-nobody+2Eimcea+40example+2Eorg@corp.example.com on 3/3/2008 10:00 AM
                            The e-mail account does not exist at the organization this message was sent to.

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(exchange, "To: nobody.imcea@example.org, colleague@example.org\n")))
                .containsExactly("nobody.imcea@example.org");
    }

    @Test
    void anOldReportNamingTheRecipientByArrowUserIdOrBangPathShouldTakeTheOneReturnedRecipientSoNamed() throws Exception {
        String two = "To: hank@vm.example.org, colleague@vm.example.org\n";
        // IBM VM: the user id after an arrow, under "could not be delivered to the following users"
        String ibmVm = """
                Your mail item could not be delivered to the following users:

                Unknown user id                      ----> HANK

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(ibmVm, two))).containsExactly("hank@vm.example.org");
        // CompuServe: the member's user id with its comma (Internet form 76543.210@compuserve.com)
        String compuServe = """
                Receiver not found: 76543,210

                Your message could not be delivered as addressed.

                --- Returned message ---
                """;
        assertThat(recipients(bounce(compuServe, "To: 76543.210@compuserve.example.com, 12345.678@compuserve.example.com\n")))
                .containsExactly("76543.210@compuserve.example.com");
        // UUCP: host!user (RFC 976), in Sendmail's "name... User unknown"
        String uucp = """
                   ----- Transcript of session follows -----
                550 uucp.example.org!bert... User unknown

                   ----- Unsent message follows -----
                """;
        assertThat(recipients(bounce(uucp, "To: bert@uucp.example.org, colleague@uucp.example.org\n")))
                .containsExactly("bert@uucp.example.org");
        // a word of the prose is no bang path, nor a name after an arrow inside a longer word
        assertThat(recipients(bounce(uucp.replace("uucp.example.org!bert", "uucp.example.org!bertrand"),
                "To: bert@uucp.example.org, colleague@uucp.example.org\n"))).doesNotContain("bert@uucp.example.org");
    }

    @Test
    void anAddressACopyWasSentToShouldNotBeReportedBesideTheFailedRecipient() throws Exception {
        String report = """
                This Message was undeliverable due to the following reason:

                The user(s) account is temporarily over quota.

                     Recipient: <nobody@example.org>
                     Reason:    Mailbox full. Forwarding copy sent to friend@elsewhere.example.com.

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(report, "To: nobody@example.org\n"))).containsExactly("nobody@example.org");
        // a copy that could not be sent is still a failure
        String notSent = report.replace("Forwarding copy sent to friend@elsewhere.example.com.",
                "Forwarding copy could not be sent to friend@elsewhere.example.com.");
        assertThat(recipients(bounce(notSent, "To: nobody@example.org\n")))
                .contains("nobody@example.org", "friend@elsewhere.example.com");
    }

    @Test
    void aListOfLocalNamesOneALineShouldNameEveryReturnedRecipientItLists() throws Exception {
        String three = "To: anne@corp.example.org, colleague@corp.example.org, third@corp.example.org\n";
        // GroupWise (BounceParser's p_novell_groupwise): "name (reason)" lines under the heading
        String groupWise = """
                The message that you sent was undeliverable to the following:
                \tanne (user not found)
                \tcolleague (user not found)

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(groupWise, three)))
                .containsExactlyInAnyOrder("anne@corp.example.org", "colleague@corp.example.org");
        // AOL AirMail (p_aol_senderblock): screen names alone on their lines
        String airMail = """
                Your mail to the following recipients could not be delivered because they are not accepting mail from sender@example.com:
                \tanne
                \tcolleague

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(airMail, three)))
                .containsExactlyInAnyOrder("anne@corp.example.org", "colleague@corp.example.org");
        // two names in a sentence are no list: which failed would be a guess
        String sentence = """
                Delivery failed for one of them.
                Note: anne and colleague share a mailbox.
                colleague asked to be removed.

                ----- Original message follows -----
                """;
        assertThat(recipients(bounce(sentence, three))).doesNotContain("anne@corp.example.org", "colleague@corp.example.org");
    }

    @Test
    void theSenderOfAnInlineReturnedCopyOrAnAddressTheTextCallsTheSenderShouldNeverBeReported() throws Exception {
        // the bounce goes to a return path, not to the returned message's From: the report greets that From
        String greeting = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.net>
                To: bounces+abc@bounce.example.com
                Subject: Returned mail
                Content-Type: text/plain

                Sorry news@brand.example.com. Your message could not be delivered.

                ----- Original message follows -----

                From: Brand News <news@brand.example.com>
                To: anne@corp.example.org
                Subject: the campaign

                Hello.
                """;
        assertThat(recipients(greeting.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly("anne@corp.example.org");
        // a content filter's notice names the sender only, after "a mail from"
        String filterNotice = """
                From: WebShield@gate.example.org
                To: news@brand.example.com
                Subject: Alert
                Content-Type: text/plain

                WebShield SMTP on gate.example.org intercepted a mail from <news@brand.example.com>
                which caused the Content Filter Block extension COM to be triggered.
                """;
        assertThat(recipients(filterNotice.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void xwallsReportPartLabelledXDeliveryStatusShouldBeReadAsADeliveryStatusPart() throws Exception {
        String mail = """
                From: MAILER-DAEMON@xwall.example.org
                To: sender@example.com
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                This is a delivery status notification.
                --b
                Content-Type: message/xdelivery-status

                Reporting-MTA: dns; xwall.example.org

                Final-Recipient: rfc822; nobody@example.org
                Action: failed
                Status: 5.1.1

                --b
                Content-Type: message/rfc822

                From: Sender <sender@example.com>
                To: nobody@example.org, colleague@example.org
                Subject: the campaign

                Hello.
                --b--
                """;
        List<String> problems = new ArrayList<>();
        ParsedBounce parsed = new BounceParser(BounceLimits.DEFAULTS).parse(
                mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), problems);
        assertThat(parsed.recipients()).extracting(RecipientEvidence::recipient).containsExactly("nobody@example.org");
        assertThat(parsed.recipients().get(0).status()).isPresent();
    }

    private static List<String> recipients(byte[] raw) throws Exception {
        List<String> problems = new ArrayList<>();
        ParsedBounce parsed = new BounceParser(BounceLimits.DEFAULTS).parse(raw, problems);
        return parsed.recipients().stream().map(RecipientEvidence::recipient).toList();
    }

    /** A text bounce to the original sender, with the returned message's header quoted below the report. */
    private static byte[] bounce(String report, String returnedTo) {
        String mail = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.net>
                To: sender@example.com
                Subject: Undeliverable mail
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                """ + report + """

                Return-Path: <sender@example.com>
                From: Sender <sender@example.com>
                %sSubject: the campaign

                Hello.
                """.formatted(returnedTo);
        return mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
