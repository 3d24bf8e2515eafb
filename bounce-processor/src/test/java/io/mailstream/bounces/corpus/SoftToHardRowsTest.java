package io.mailstream.bounces.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench names every soft failure it called hard (the error that suppresses a good address),
 * with the evidence used, so that each can be audited. Synthetic two-file corpus: one bounce whose
 * label says soft although the text is a 5.1.1 user unknown, one labelled and classified soft.
 */
class SoftToHardRowsTest {
    private static final String HEADER = "relative_path_of_eml_file\tmta_or_module\texpected_status\texpected_reason\t"
            + "expected_hardbounce\trecipient\trecipient_index\trecipients_in_file\texpected_replycode\t"
            + "status_is_sisimai_pseudo_code\tis_bounce\tmessage_format\n";

    @Test
    void aSoftLabelCalledHardShouldBeListedWithItsEvidenceAndASoftCallShouldNot(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.eml"), bounce("a@example.net", "5.1.1", "550 5.1.1 <a@example.net>: user unknown"),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.eml"), bounce("b@example.net", "4.2.2", "452 4.2.2 <b@example.net>: mailbox full"),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("manifest.tsv"), HEADER
                + "a.eml\tPostfix\t5.1.1\tfiltered\tfalse\ta@example.net\t1\t1\t550\tfalse\ttrue\trfc3464_multipart_report\n"
                + "b.eml\tPostfix\t4.2.2\tmailboxfull\tfalse\tb@example.net\t1\t1\t452\tfalse\ttrue\trfc3464_multipart_report\n",
                StandardCharsets.UTF_8);

        CorpusScore s = CorpusScore.score(BounceCorpus.load(dir), new BounceClassifier());

        assertThat(s.hardSoft().softRows()).isEqualTo(2);
        assertThat(s.hardSoft().softToHard()).isEqualTo(1);
        assertThat(s.softToHardRows()).singleElement().asString()
                .startsWith("a.eml\ta@example.net\texpected filtered got userunknown")
                .contains("status=5.1.1");
    }

    private static String bounce(String rcpt, String status, String diagnostic) {
        return "From: MAILER-DAEMON@mx.example.org\r\n"
                + "To: sender@example.com\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
                + "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; " + rcpt + "\r\n"
                + "Action: failed\r\n"
                + "Status: " + status + "\r\n"
                + "Diagnostic-Code: smtp; " + diagnostic + "\r\n"
                + "--B--\r\n";
    }
}
