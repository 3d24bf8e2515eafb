package io.mailstream.bounces.support;

import java.nio.charset.StandardCharsets;

/** Small, valid bounce messages for tests: an RFC 3464 DSN, an RFC 5965 ARF report, an RFC 3834 auto-reply. */
public final class SampleBounces {
    private SampleBounces() {
    }

    /** A DSN for {@code recipient} with the given status and diagnostic (e.g. "5.1.1", "550 5.1.1 user unknown"). */
    public static byte[] dsn(String recipient, String messageId, String status, String diagnostic) {
        String boundary = "b-" + Integer.toHexString(recipient.hashCode());
        return crlf("""
                From: MAILER-DAEMON@mx.example.net
                To: bounces+%2$s@bounce.example.com
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="%5$s"

                --%5$s
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.

                --%5$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; %1$s
                Action: failed
                Status: %3$s
                Remote-MTA: dns; mail.example.org
                Diagnostic-Code: smtp; %4$s

                --%5$s
                Content-Type: text/rfc822-headers

                From: news@example.com
                To: %1$s
                Subject: Our news
                X-Mailstream-Message-Id: %2$s

                --%5$s--
                """.formatted(recipient, messageId, status, diagnostic, boundary));
    }

    /** One DSN naming every address of {@code recipients} as failed (a report that names others than the message's recipient). */
    public static byte[] dsnNaming(java.util.List<String> recipients, String messageId, String status, String diagnostic) {
        String one = new String(dsn(recipients.getFirst(), messageId, status, diagnostic), StandardCharsets.US_ASCII);
        StringBuilder more = new StringBuilder();
        for (String r : recipients.subList(1, recipients.size())) {
            more.append("\r\nFinal-Recipient: rfc822; ").append(r).append("\r\nAction: failed\r\nStatus: ").append(status)
                    .append("\r\nDiagnostic-Code: smtp; ").append(diagnostic).append("\r\n");
        }
        String marker = "Diagnostic-Code: smtp; " + diagnostic + "\r\n";
        int at = one.indexOf(marker) + marker.length();
        return (one.substring(0, at) + more + one.substring(at)).getBytes(StandardCharsets.US_ASCII);
    }

    /** An ARF abuse report (RFC 5965) about {@code recipient}'s copy of {@code messageId}. */
    public static byte[] complaint(String recipient, String messageId) {
        return crlf("""
                From: fbl@isp.example.net
                To: fbl@bounce.example.com
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

                --arf
                Content-Type: text/plain

                This is an email abuse report.

                --arf
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Rcpt-To: <%1$s>

                --arf
                Content-Type: text/rfc822-headers

                From: news@example.com
                To: %1$s
                Subject: Our news
                X-Mailstream-Message-Id: %2$s

                --arf--
                """.formatted(recipient, messageId));
    }

    /** A vacation notice (RFC 3834). */
    public static byte[] autoReply(String from) {
        return crlf("""
                From: %1$s
                To: bounces+abc@bounce.example.com
                Subject: Out of office
                Auto-Submitted: auto-replied
                Precedence: auto_reply

                I am on vacation until Monday and will read your mail then.
                """.formatted(from));
    }

    private static byte[] crlf(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
