package io.mailstream.cli.guard;

import io.mailstream.embedded.smtp.ReceivedMessage;
import java.nio.charset.StandardCharsets;

/**
 * A mailbox provider's feedback-loop complaint (RFC 5965 ARF) about a message the SMTP sink
 * received: the {@code message/feedback-report} part and the returned message's header, sent to the
 * message's signed return path as a provider's feedback loop does.
 */
final class SampleArf {
    private SampleArf() {
    }

    static byte[] about(ReceivedMessage m, String reportingDomain) {
        String content = m.content();
        int end = content.indexOf("\r\n\r\n");
        String headers = end < 0 ? content : content.substring(0, end);
        String recipient = m.recipients().get(0).normalized();
        String arf = String.join("\r\n",
                "From: fbl@" + reportingDomain,
                "To: " + m.envelopeFrom().orElseThrow(),
                "Subject: Complaint about a message from you",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=feedback-report; boundary=\"arf\"",
                "",
                "--arf",
                "Content-Type: text/plain",
                "",
                "This is an email abuse report.",
                "",
                "--arf",
                "Content-Type: message/feedback-report",
                "",
                "Feedback-Type: abuse",
                "User-Agent: GuardIT-FBL/1.0",
                "Version: 1",
                "Original-Rcpt-To: <" + recipient + ">",
                "",
                "--arf",
                "Content-Type: text/rfc822-headers",
                "",
                headers.strip(),
                "",
                "--arf--",
                "");
        return arf.getBytes(StandardCharsets.UTF_8);
    }
}
