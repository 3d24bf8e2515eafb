package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BounceClassifierRobustnessTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static String dsn(String recipients, String charset) {
        return "From: MAILER-DAEMON@mx.example.org\nTo: bounces+abc123@bounce.example.com\n"
                + "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                + "--B\nContent-Type: text/plain; charset=" + charset + "\n\nDelivery failed.\n\n"
                + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n"
                + "Original-Envelope-Id: envid42\n\n" + recipients
                + "--B\nContent-Type: text/rfc822-headers\n\nFrom: news@example.com\nX-Message-Id: xid7\n\n--B--\n";
    }

    private static String recipient(String address) {
        return "Final-Recipient: rfc822; " + address + "\nAction: failed\nStatus: 5.1.1\n"
                + "Remote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; 550 5.1.1 <" + address + ">: User unknown\n\n";
    }

    @Test
    void classifyShouldReadRfc3464RecipientFieldsAndVerpMessageId() {
        BounceReport r = classifier.classify(dsn(recipient("kim@example.net"), "us-ascii").getBytes(StandardCharsets.UTF_8));
        assertThat(r.kind()).isEqualTo(BounceKind.DSN);
        assertThat(r.reportingMta()).contains("mx.example.org");
        assertThat(r.originalEnvelopeId()).contains("envid42");
        RecipientReport rr = r.recipients().get(0);
        assertThat(rr.recipient()).isEqualTo("kim@example.net");
        assertThat(rr.status()).contains(new DeliveryStatus(5, 1, 1));
        assertThat(rr.replyCode()).hasValue(550);
        assertThat(rr.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(rr.hard()).isTrue();
        assertThat(rr.messageId()).contains("abc123");
        assertThat(rr.remoteMta()).contains("mx.example.net");
    }

    @Test
    void classifyShouldTreatEveryLineEndingAlike() {
        String lf = dsn(recipient("kim@example.net"), "us-ascii");
        for (String variant : new String[] {lf, lf.replace("\n", "\r\n"), lf.replace("\n", "\r")}) {
            BounceReport r = classifier.classify(variant.getBytes(StandardCharsets.UTF_8));
            assertThat(r.recipients()).singleElement().extracting(RecipientReport::reason).isEqualTo(BounceReason.USER_UNKNOWN);
        }
    }

    @Test
    void classifyShouldReportEmptyInputAsUnparseable() {
        assertThat(classifier.classify(new byte[0]).kind()).isEqualTo(BounceKind.UNPARSEABLE);
        assertThat(classifier.classify(null).problems()).containsExactly("empty message");
    }

    @Test
    void classifyShouldSurviveBinaryGarbage() {
        byte[] garbage = new byte[200_000];
        new Random(42).nextBytes(garbage);
        BounceReport r = classifier.classify(garbage);
        assertThat(r.kind()).isEqualTo(BounceKind.UNPARSEABLE);
        assertThat(r.problems()).isNotEmpty();
    }

    @Test
    void classifyShouldSurviveTruncatedMime() {
        String full = dsn(recipient("kim@example.net"), "us-ascii");
        String cut = full.substring(0, full.indexOf("Status:"));
        BounceReport r = classifier.classify(cut.getBytes(StandardCharsets.UTF_8));
        assertThat(r.kind()).isIn(BounceKind.DSN, BounceKind.UNPARSEABLE);
        assertThat(r.recipients()).allSatisfy(rr -> assertThat(rr.recipient()).isEqualTo("kim@example.net"));
    }

    @Test
    void classifyShouldNoteAnUnknownCharsetAndCarryOn() {
        BounceReport r = classifier.classify(dsn(recipient("kim@example.net"), "x-no-such-charset").getBytes(StandardCharsets.UTF_8));
        assertThat(r.recipients()).hasSize(1);
        assertThat(r.problems()).anyMatch(p -> p.contains("unknown charset"));
    }

    @Test
    void classifyShouldCapA20MegabyteAttachment() {
        String head = dsn(recipient("kim@example.net"), "us-ascii").replace("--B--\n", "");
        StringBuilder sb = new StringBuilder(head).append("--B\nContent-Type: application/octet-stream\n\n");
        String line = "A".repeat(76) + "\n";
        while (sb.length() < 20 * 1024 * 1024) {
            sb.append(line);
        }
        sb.append("--B--\n");
        long start = System.nanoTime();
        BounceReport r = classifier.classify(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(r.recipients()).hasSize(1);
        assertThat(r.problems()).anyMatch(p -> p.contains("read up to"));
    }

    @Test
    void classifyShouldReadAThousandRecipientsAndCapMore() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            many.append(recipient("user" + i + "@example.net"));
        }
        byte[] raw = dsn(many.toString(), "us-ascii").getBytes(StandardCharsets.UTF_8);
        // with the defaults all 1 000 recipients are read, the rest dropped, and it says so
        BounceReport r = classifier.classify(raw);
        assertThat(r.recipients()).hasSize(1000);
        assertThat(r.recipients()).extracting(RecipientReport::recipient)
                .startsWith("user0@example.net").endsWith("user999@example.net");
        assertThat(r.recipients()).allSatisfy(rr -> assertThat(rr.reason()).isEqualTo(BounceReason.USER_UNKNOWN));
        assertThat(r.problems()).anyMatch(p -> p.contains("500 recipients beyond the limit of 1000 were dropped"));
        assertThat(r.problems()).noneMatch(p -> p.contains("read up to"));
        // a smaller report cap binds first: fewer recipients, and it says so
        BounceReport capped = new BounceClassifier(new BounceLimits(4 << 20, 64 << 10, 64 << 10, 1000)).classify(raw);
        assertThat(capped.recipients()).isNotEmpty().hasSizeLessThan(1000);
        assertThat(capped.problems()).anyMatch(p -> p.contains("read up to"));
    }

    @Test
    void classifyShouldTellFeedbackReportsApart() {
        String arf = "From: abuse@isp.example\nSubject: complaint\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n"
                + "--F\nContent-Type: text/plain\n\nA complaint.\n--F\nContent-Type: message/feedback-report\n\n"
                + "Feedback-Type: abuse\nVersion: 1\nOriginal-Rcpt-To: kim@example.net\n\n--F--\n";
        BounceReport r = classifier.classify(arf.getBytes(StandardCharsets.UTF_8));
        assertThat(r.kind()).isEqualTo(BounceKind.FEEDBACK);
        assertThat(r.recipients()).singleElement().satisfies(rr -> {
            assertThat(rr.reason()).isEqualTo(BounceReason.FEEDBACK);
            assertThat(rr.isBounce()).isFalse();
        });
    }

    @Test
    void classifyShouldTellAutoRepliesApart() {
        String vacation = "From: kim@example.net\nTo: news@example.com\nSubject: Out of office\n"
                + "Auto-Submitted: auto-replied\n\nI am away until Monday.\n";
        BounceReport r = classifier.classify(vacation.getBytes(StandardCharsets.UTF_8));
        assertThat(r.kind()).isEqualTo(BounceKind.AUTO_REPLY);
        assertThat(r.recipients()).singleElement().extracting(RecipientReport::reason).isEqualTo(BounceReason.VACATION);
    }

    @Test
    void classifyShouldReadQmailStyleTextBounces() {
        String qmail = "From: MAILER-DAEMON@mx.example.org\nTo: news@example.com\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program at mx.example.org.\n\n<kim@example.net>:\n"
                + "Sorry, no mailbox here by that name. remote host said: 550 5.1.1 RCPT TO response\n\n"
                + "--- Below this line is a copy of the message.\n\nFrom: news@example.com\nTo: kim@example.net\n";
        BounceReport r = classifier.classify(qmail.getBytes(StandardCharsets.UTF_8));
        assertThat(r.recipients()).singleElement().satisfies(rr -> {
            assertThat(rr.recipient()).isEqualTo("kim@example.net");
            assertThat(rr.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(rr.hard()).isTrue();
        });
    }

    @Test
    void classifyShouldTreatDelayedAsSoftAndDeliveredAsNoBounce() {
        String delayed = recipient("kim@example.net").replace("Action: failed", "Action: delayed").replace("5.1.1", "4.4.7");
        RecipientReport d = classifier.classify(dsn(delayed, "us-ascii").getBytes(StandardCharsets.UTF_8)).recipients().get(0);
        assertThat(d.hard()).isFalse();
        String delivered = "Final-Recipient: rfc822; kim@example.net\nAction: delivered\nStatus: 2.0.0\n\n";
        RecipientReport ok = classifier.classify(dsn(delivered, "us-ascii").getBytes(StandardCharsets.UTF_8)).recipients().get(0);
        assertThat(ok.reason()).isEqualTo(BounceReason.DELIVERED);
        assertThat(ok.isBounce()).isFalse();
    }

    @Test
    void classifySmtpReplyShouldMatchDsnRules() {
        assertThat(classifier.classify(550, "5.1.1", "user unknown").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(classifier.classify(552, "5.2.2", "mailbox full").hard()).isFalse();
        assertThat(classifier.classify(null, null, null).reason()).isEqualTo(BounceReason.UNDEFINED);
        assertThat(classifier.classify(450, null, "4.2.2 mailbox over quota").reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void classifyShouldFindTheBoundaryOfAMultipartWithoutMimeFields() {
        String raw = dsn(recipient("kim@example.net"), "us-ascii")
                .replace("MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n", "");
        BounceReport r = classifier.classify(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(r.recipients()).singleElement().extracting(RecipientReport::reason).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(r.problems()).anyMatch(p -> p.contains("boundary found in the body"));
    }

    @Test
    void classifyShouldSplitRecipientGroupsWrittenWithoutBlankLines() {
        String glued = recipient("kim@example.net").strip() + "\n" + recipient("lee@example.net");
        BounceReport r = classifier.classify(dsn(glued, "us-ascii").getBytes(StandardCharsets.UTF_8));
        assertThat(r.recipients()).extracting(RecipientReport::recipient).containsExactly("kim@example.net", "lee@example.net");
    }

    @Test
    void classifyShouldDecodeBase64ReportParts() {
        String body = java.util.Base64.getMimeEncoder().encodeToString(
                ("Reporting-MTA: dns; mx.example.org\n\n" + recipient("kim@example.net")).getBytes(StandardCharsets.US_ASCII));
        String raw = dsn("", "us-ascii").replace("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n"
                + "Original-Envelope-Id: envid42\n\n", "Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n"
                + body + "\n");
        BounceReport r = classifier.classify(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(r.recipients()).singleElement().satisfies(rr -> {
            assertThat(rr.recipient()).isEqualTo("kim@example.net");
            assertThat(rr.status()).contains(new DeliveryStatus(5, 1, 1));
        });
    }

    @Test
    void classifyShouldPreferTheRemoteServersOwnStatus() {
        Classification c = classifier.classify(null, null, "5.1.0 - Unknown address error 550-'5.2.2 <kim@example.net>... Mailbox Full'");
        assertThat(c.status()).contains(new DeliveryStatus(5, 2, 2));
        assertThat(c.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }
}
