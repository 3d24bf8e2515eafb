package io.mailstream.dispatcher.tls.report;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends a {@link TlsReport} to every {@code rua} of the policy domain's TLS-RPT record
 * (RFC 8460 §5.3): gzipped JSON POSTed as {@code application/tlsrpt+gzip} to an https URI, or
 * mailed as a {@code multipart/report; report-type="tlsrpt"} attachment to a mailto URI through
 * the configured relay. Thread-safe.
 */
public final class TlsReportSubmitter {
    public static final String MEDIA_TYPE = "application/tlsrpt+gzip";

    /** What became of one destination. */
    public sealed interface Submission {
        URI rua();
    }

    /** Accepted: a 2xx answer, or the relay took the mail. */
    public record Submitted(URI rua) implements Submission {
    }

    /** Refused or unreachable; {@code reason} says which. */
    public record Failed(URI rua, String reason) implements Submission {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final SubmitSettings settings;
    private final HttpClient http;

    public TlsReportSubmitter(SubmitSettings settings) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER);
        settings.https().ifPresent(b::sslContext);
        this.http = b.build();
    }

    public List<Submission> submit(TlsReport report, TlsRptRecord record) {
        byte[] body = report.gzipped();
        List<Submission> out = new ArrayList<>();
        for (URI rua : record.rua()) {
            out.add(switch (rua.getScheme().toLowerCase(Locale.ROOT)) {
                case "https" -> post(rua, body);
                case "mailto" -> mail(rua, report, body);
                default -> new Failed(rua, "unsupported scheme"); // TlsRptRecord admits no other
            });
        }
        return out;
    }

    private Submission post(URI rua, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(rua).timeout(settings.timeout()).header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? new Submitted(rua) : new Failed(rua, "answered HTTP " + status);
        } catch (IOException e) {
            return new Failed(rua, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(rua, "interrupted");
        }
    }

    private Submission mail(URI rua, TlsReport report, byte[] body) {
        String to = rua.getSchemeSpecificPart();
        int query = to.indexOf('?');
        to = query >= 0 ? to.substring(0, query) : to;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.relay().host());
        p.put("mail.smtp.port", String.valueOf(settings.relay().port()));
        p.put("mail.smtp.connectiontimeout", String.valueOf(settings.timeout().toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(settings.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(settings.timeout().toMillis()));
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(p));
            m.setFrom(new InternetAddress(settings.from(), true));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            // §5.3: the subject and these two headers let a receiver sort reports without opening them
            m.setSubject("Report Domain: " + report.policyDomain().asString() + " Submitter: " + settings.submitter()
                    + " Report-ID: <" + report.reportId() + "@" + settings.submitter() + ">", "UTF-8");
            m.setHeader("TLS-Report-Domain", report.policyDomain().asString());
            m.setHeader("TLS-Report-Submitter", settings.submitter());
            MimeBodyPart text = new MimeBodyPart();
            text.setText("This is an aggregate TLS report from " + settings.submitter() + " (RFC 8460).", "UTF-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(body, MEDIA_TYPE)));
            attachment.setFileName(report.fileName(settings.submitter()));
            attachment.setHeader("Content-Type", MEDIA_TYPE);
            attachment.setHeader("Content-Transfer-Encoding", "base64");
            MimeMultipart multipart = new ReportMultipart();
            multipart.addBodyPart(text);
            multipart.addBodyPart(attachment);
            m.setContent(multipart);
            Transport.send(m);
            return new Submitted(rua);
        } catch (MessagingException e) {
            return new Failed(rua, e.toString());
        }
    }

    /** {@code multipart/report; report-type="tlsrpt"} (RFC 6522, RFC 8460 §5.3). */
    private static final class ReportMultipart extends MimeMultipart {
        ReportMultipart() throws MessagingException {
            super("report");
            ContentType type = new ContentType(contentType);
            type.setParameter("report-type", "tlsrpt");
            contentType = type.toString();
        }
    }
}
