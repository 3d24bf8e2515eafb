package io.mailstream.cli.demo;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Plays a receiving provider that accepted a mail and later bounced it: an RFC 3464 §2 multipart/report
 * DSN for one recipient, sent over SMTP to the VERP return path the dispatcher put on the envelope.
 * Used by the demo and the end-to-end tests to close the bounce loop without the internet.
 */
public final class SampleDsn {
    private SampleDsn() {
    }

    /** The raw DSN for {@code recipient} with status 5.1.1 (mailbox does not exist), from {@code reportingHost}. */
    public static byte[] userUnknown(String reportingHost, String verp, String recipient) {
        return report(reportingHost, verp, recipient, "Undelivered Mail Returned to Sender", "failed", "5.1.1",
                "550 5.1.1 <" + recipient + ">: mailbox does not exist");
    }

    /** A soft bounce: action failed, status 5.2.2 (mailbox full), which suppresses only once repeated. */
    public static byte[] mailboxFull(String reportingHost, String verp, String recipient) {
        return report(reportingHost, verp, recipient, "Undelivered Mail Returned to Sender", "failed", "5.2.2",
                "552 5.2.2 <" + recipient + ">: mailbox full");
    }

    /** A delay notice (RFC 3464 §2.3.3 action delayed, status 4.4.7): the provider still tries. */
    public static byte[] delayed(String reportingHost, String verp, String recipient) {
        return report(reportingHost, verp, recipient, "Delayed Mail (still being retried)", "delayed", "4.4.7",
                "451 4.4.7 <" + recipient + ">: delivery temporarily delayed");
    }

    private static byte[] report(String reportingHost, String verp, String recipient, String subject, String action, String status,
                                 String diagnostic) {
        String dsn = String.join("\r\n",
                "From: MAILER-DAEMON@" + reportingHost,
                "To: " + verp,
                "Subject: " + subject,
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "Your message could not be delivered.",
                "",
                "--b",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; " + reportingHost,
                "",
                "Final-Recipient: rfc822; " + recipient,
                "Action: " + action,
                "Status: " + status,
                "Diagnostic-Code: smtp; " + diagnostic,
                "",
                "--b--",
                "");
        return dsn.getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code raw} to {@code verp} at the bounce receiver on localhost:{@code port} with a null-ish sender. */
    public static void send(int port, String reportingHost, String verp, byte[] raw) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", "mailer-daemon@" + reportingHost);
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Transport.send(message, new InternetAddress[] {new InternetAddress(verp)});
    }
}
