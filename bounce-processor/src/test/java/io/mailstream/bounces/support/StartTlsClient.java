package io.mailstream.bounces.support;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/** Sends a raw message with Jakarta Mail over SMTP that must upgrade with STARTTLS (RFC 3207). */
public final class StartTlsClient {
    private StartTlsClient() {
    }

    public static void send(int port, SSLContext trusting, String envelopeFrom, String recipient, byte[] raw)
            throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "localhost");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.from", envelopeFrom);
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", trusting.getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Transport.send(message, new Address[] {new InternetAddress(recipient)});
    }
}
