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

    /**
     * A DSN as {@link #dsn} that returns the whole original message (RFC 3464 §2: {@code message/rfc822}
     * after the report) with a body of about {@code bodyBytes}: a bounce of a large mail.
     */
    public static byte[] dsnReturningLargeMessage(String recipient, String messageId, String status, String diagnostic,
                                                  int bodyBytes) {
        String one = new String(dsn(recipient, messageId, status, diagnostic), StandardCharsets.US_ASCII);
        String boundary = "b-" + Integer.toHexString(recipient.hashCode());
        String line = "Our spring offers, line after line of them, in a mail far larger than a bounce needs to be.\r\n";
        String returned = "--" + boundary + "\r\nContent-Type: message/rfc822\r\n\r\nFrom: news@example.com\r\nTo: "
                + recipient + "\r\nSubject: Our news\r\nX-Mailstream-Message-Id: " + messageId + "\r\n\r\n"
                + line.repeat(bodyBytes / line.length() + 1);
        String end = "--" + boundary + "--";
        int at = one.lastIndexOf(end);
        return (one.substring(0, at) + returned + one.substring(at)).getBytes(StandardCharsets.US_ASCII);
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

    /**
     * Exim's text-only warning that {@code recipient} is still queued (no RFC 3464 part), laid out as
     * Exim's default warning message (spec, "Customizing bounce and warning messages").
     */
    public static byte[] eximDelayWarning(String recipient, String messageId, String diagnostic) {
        return eximText(recipient, messageId, diagnostic, """
                A message that you sent has not yet been delivered to one or more of its
                recipients after more than 24 hours on the queue on mx.example.net.""", """
                No action is required on your part. Delivery attempts will continue for
                some time, and this warning may be repeated at intervals if the message
                remains undelivered.""");
    }

    /** Exim's text-only report that delivery to {@code recipient} failed, laid out as its default bounce message. */
    public static byte[] eximFailure(String recipient, String messageId, String diagnostic) {
        return eximText(recipient, messageId, diagnostic, """
                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:""", "");
    }

    private static byte[] eximText(String recipient, String messageId, String diagnostic, String opening, String closing) {
        return crlf("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.net>
                To: bounces+%2$s@bounce.example.com
                Subject: Mail delivery report
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.

                %4$s

                  %1$s
                    host mx.example.org [192.0.2.25]
                    SMTP error from remote mail server after RCPT TO:<%1$s>:
                    %3$s

                %5$s

                ------ This is a copy of the message, including all the headers. ------

                From: news@example.com
                To: %1$s
                Subject: Our news
                X-Mailstream-Message-Id: %2$s

                Our news.
                """.formatted(recipient, messageId, diagnostic, opening, closing));
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

    /**
     * An ARF abuse report (RFC 5965 §2) as a mailbox provider's feedback loop sends it: a
     * human-readable part, the {@code message/feedback-report} part and the whole returned message
     * ({@code message/rfc822}) with the trace fields the provider's MTA added. Each argument may be
     * null to leave that field out: {@code originalRcptTo} null is a provider that redacts the
     * complainant, {@code returnPath} null one that strips the envelope sender.
     *
     * @param returnPath     the returned message's Return-Path (our signed VERP, or a forged one)
     * @param mailstreamId   the returned message's X-Mailstream-Message-Id
     * @param messageIdField the returned message's Message-ID, e.g. {@code <id@news.example.com>}
     * @param originalRcptTo the Original-Rcpt-To of the report
     * @param to             the To of the returned message (providers often redact it too)
     */
    public static byte[] arf(String returnPath, String mailstreamId, String messageIdField, String originalRcptTo, String to) {
        StringBuilder returned = new StringBuilder();
        if (returnPath != null) {
            returned.append("Return-Path: <").append(returnPath).append(">\n");
        }
        returned.append("Received: from mta1.sender.example.com (mta1.sender.example.com [192.0.2.25])\n")
                .append("\tby mx4.isp.example.net with ESMTPS id 4fQ2x; Tue, 3 Mar 2026 10:00:00 +0000\n")
                .append("From: News <news@example.com>\n")
                .append("To: ").append(to == null ? "redacted" : to).append("\n")
                .append("Subject: Our spring offers\n")
                .append("Date: Tue, 3 Mar 2026 09:59:58 +0000\n");
        if (messageIdField != null) {
            returned.append("Message-ID: ").append(messageIdField).append("\n");
        }
        if (mailstreamId != null) {
            returned.append("X-Mailstream-Message-Id: ").append(mailstreamId).append("\n");
        }
        returned.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nSpring offers inside.\n");
        return crlf("""
                From: "ISP Feedback Loop" <fbl-noreply@isp.example.net>
                To: fbl@bounce.example.com
                Subject: FW: Our spring offers
                Date: Tue, 3 Mar 2026 11:02:00 +0000
                Message-ID: <arf-20260303-1102@fbl.isp.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="----=_arf_0042"

                ------=_arf_0042
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received from IP 192.0.2.25.

                ------=_arf_0042
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: IspFBL/2.1
                Version: 1
                Original-Mail-From: <%1$s>
                %2$sArrival-Date: Tue, 3 Mar 2026 10:00:00 +0000
                Source-IP: 192.0.2.25
                Reported-Domain: example.com

                ------=_arf_0042
                Content-Type: message/rfc822
                Content-Disposition: inline

                %3$s
                ------=_arf_0042--
                """.formatted(returnPath == null ? "" : returnPath,
                originalRcptTo == null ? "" : "Original-Rcpt-To: <" + originalRcptTo + ">\n", returned));
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
