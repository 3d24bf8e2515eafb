package io.mailstream.bounces.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.MtaFamily;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link FamilyDetector} reads the family from the message, never from a file name. */
class FamilyDetectorTest {

    private static MtaFamily detect(String message) {
        return FamilyDetector.detect(message.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void postfixShouldBeKnownByItsReportSentence() {
        assertThat(detect("""
                From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mx.example.org.

                <a@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 unknown user
                """)).isEqualTo(MtaFamily.POSTFIX);
    }

    @Test
    void theReceivingProviderNamedAsRemoteHostShouldWinOverTheMtaThatWroteTheBounce() {
        assertThat(detect("""
                From: MAILER-DAEMON@mx.example.org (Mail Delivery System)

                This is the mail system at host mx.example.org.

                <a@example.net>: host gmail-smtp-in.l.google.com[192.0.2.1] said: 550-5.1.1 The email account
                """)).isEqualTo(MtaFamily.GOOGLE);
    }

    @Test
    void hostsInTheReturnedMessageShouldNotCount() {
        assertThat(detect("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>

                This message was created automatically by mail delivery software.

                ------ This is a copy of the message, including all the headers. ------
                Received: from mail-xy.google.com by mx.example.org
                From: someone@gmail.com
                """)).isEqualTo(MtaFamily.EXIM);
    }

    @Test
    void anUnrecognisableBounceShouldBeOther() {
        assertThat(detect("""
                From: postmaster@example.org

                Your message could not be delivered.
                """)).isEqualTo(MtaFamily.OTHER);
    }

    @Test
    void powerMtaShouldBeKnownByItsCategoryFieldOrItsReportsOpening() {
        assertThat(detect("""
                From: postmaster@pmta.example.net
                Subject: Delivery report

                Hello, this is the mail server on pmta.example.net.

                  <a@example.net>  delivery failed; will not continue trying
                """)).isEqualTo(MtaFamily.POWERMTA);
    }
}
