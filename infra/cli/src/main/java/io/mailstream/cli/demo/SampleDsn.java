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
        String dsn = String.join("\r\n",
                "From: MAILER-DAEMON@" + reportingHost,
                "To: " + verp,
                "Subject: Undelivered Mail Returned to Sender",
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
                "Action: failed",
                "Status: 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: mailbox does not exist",
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
