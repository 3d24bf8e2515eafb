package io.mailstream.cli.bench;

import io.mailstream.dispatcher.render.StreamProviderPin;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The reference rate of an SMTP server: the simplest client that can drive it, Jakarta Mail over
 * {@code connections} reused connections, sending one prepared message again and again. What the
 * dispatcher adds on top (Kafka, decoding, rendering, events, commits) is measured against it.
 */
final class RawSmtpClient {
    private RawSmtpClient() {
    }

    /** Sends {@code total} messages spread over {@code connections} threads; returns messages per second. */
    static double rate(String host, int port, int connections, int total, byte[] body) throws Exception {
        // The same Jakarta Mail set-up as the dispatcher's, so the reference is not slowed by what the dispatcher avoids.
        StreamProviderPin.ensure();
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.quitwait", "false");
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(body));
        message.saveChanges();
        AtomicInteger left = new AtomicInteger(total);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int n = c;
            Thread t = new Thread(() -> {
                try {
                    SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
                    transport.connect(host, port, null, null);
                    try {
                        int i;
                        while ((i = left.decrementAndGet()) >= 0) {
                            Address[] to = {new InternetAddress("raw" + i + "@example.com")};
                            transport.sendMessage(message, to);
                        }
                    } finally {
                        transport.close();
                    }
                } catch (MessagingException e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-raw-smtp-" + n);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
