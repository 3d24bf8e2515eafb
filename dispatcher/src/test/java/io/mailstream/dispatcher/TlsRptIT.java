package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DeliveryConfig;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.dispatcher.support.StsPolicyServer;
import io.mailstream.dispatcher.support.TestCertificates;
import io.mailstream.dispatcher.support.TlsSmtpServer;
import io.mailstream.dispatcher.tls.CertificateCheck;
import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.dispatcher.tls.internal.TrustedCa;
import io.mailstream.dispatcher.tls.report.CertificateReporting;
import io.mailstream.dispatcher.tls.report.DailyTlsAggregates;
import io.mailstream.dispatcher.tls.report.SubmitSettings;
import io.mailstream.dispatcher.tls.report.TlsReport;
import io.mailstream.dispatcher.tls.report.TlsReportSubmitter;
import io.mailstream.dispatcher.tls.report.TlsRptRecord;
import io.mailstream.dispatcher.tls.report.internal.TlsRptRecordLookup;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MTA-STS testing mode reports (RFC 8461 §5) and TLS-RPT (RFC 8460) end to end: mail to a
 * testing-mode domain is delivered whatever its MX certificate, each session's verdict is counted
 * for the day, and the day's report goes to the rua of the domain's {@code _smtp._tls} record, found
 * in a local DNS server: POSTed to a real HTTPS receiver and mailed through a real SMTP server.
 */
class TlsRptIT {
    private static final String DOMAIN = "sts.test";
    private static TestCertificates good;
    private static TestCertificates wrong;
    private static TestCertificates receiver;
    private static Path caPem;
    private static Path receiverCaPem;

    private final Clock clock = Clock.systemUTC();
    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"),
            VerpKeys.generate("t")), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    private final LocalDnsServer dns = new LocalDnsServer();
    private final DailyTlsAggregates aggregates = new DailyTlsAggregates(clock);
    private StsPolicyServer policyServer;
    private TlsSmtpServer smtp;
    private MailTransport transport;

    @BeforeAll
    static void certificates(@TempDir Path dir, @TempDir Path receiverDir) throws Exception {
        good = TestCertificates.forServers("mta-sts." + DOMAIN, "mx." + DOMAIN);
        wrong = TestCertificates.forServer("mx." + DOMAIN);
        receiver = TestCertificates.forServer("localhost");
        caPem = good.writeCaPem(dir);
        receiverCaPem = receiver.writeCaPem(receiverDir);
    }

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (policyServer != null) {
            policyServer.close();
        }
        dns.close();
    }

    private MailTransport testingMode(TestCertificates mxCertificate) throws Exception {
        return withPolicy("testing", mxCertificate);
    }

    private MailTransport withPolicy(String mode, TestCertificates mxCertificate) throws Exception {
        return with(new StsPolicyServer(good.serverContext(), StsPolicyServer.policy(mode, "mx." + DOMAIN)),
                TlsSmtpServer.starttls(mxCertificate.serverContext()));
    }

    private MailTransport with(StsPolicyServer policies, TlsSmtpServer mx) throws Exception {
        policyServer = policies;
        smtp = mx;
        dns.mx(DOMAIN, 10, "mx." + DOMAIN, 300).a("mx." + DOMAIN, "127.0.0.1", 300)
                .txt("_mta-sts." + DOMAIN, "v=STSv1; id=20260101T000000;", 300)
                .a("mta-sts." + DOMAIN, "127.0.0.1", 300);
        RouteConfig routes = RouteConfig.directMx(DnsSettings.resolver(dns.address())).withDirectPort(smtp.port())
                .withAllowPrivateAddresses(true)
                .withMtaSts(MtaStsSettings.defaults().withPolicyPort(policyServer.port()).withTrustedCa(caPem));
        SmtpSettings settings = new SmtpSettings(new SmtpRoute("unused.invalid", 25), "dispatcher.test",
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        PoolSettings pool = PoolSettings.defaults();
        DeliveryConfig delivery = new DeliveryConfig(routes, List.of());
        transport = DeliveryTransports.create(delivery, settings, pool, ConnectionLimits.uniform(pool.maxConnections()),
                key -> delivery.circuit(),
                Optional.of(new CertificateReporting(CertificateCheck.trusting(caPem, clock), aggregates)), clock).transport();
        return transport;
    }

    private RenderedMessage message() {
        MailMessage mail = Fixtures.transactional("ann@" + DOMAIN, "Receipt", "Thanks").build();
        return ((RenderResult.Rendered) renderer.render(mail, Optional.empty())).message();
    }

    private List<TlsReport> today() {
        return aggregates.reports(LocalDate.now(clock.withZone(ZoneOffset.UTC)), "Acme", "mailto:tls@acme.example");
    }

    @Test
    void testingModeShouldDeliverDespiteAnUntrustedCertificateAndCountTheFailure() throws Exception {
        DeliveryOutcome outcome = testingMode(wrong).send(message());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(smtp.received()).hasSize(1);
        assertThat(today()).singleElement().satisfies(r -> {
            assertThat(r.policyDomain()).isEqualTo(Domain.of(DOMAIN));
            assertThat(r.successes()).isZero();
            assertThat(r.failures()).containsExactly(new TlsReport.Failure(TlsResultType.CERTIFICATE_NOT_TRUSTED,
                    Optional.of("mx." + DOMAIN), Optional.of("127.0.0.1"), 1));
            assertThat(r.policy().policyString()).contains("mode: testing", "mx: mx." + DOMAIN);
        });
    }

    @Test
    void testingModeShouldCountASessionWithAValidCertificateAsASuccess() throws Exception {
        DeliveryOutcome outcome = testingMode(good).send(message());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(today()).singleElement().satisfies(r -> {
            assertThat(r.successes()).isEqualTo(1);
            assertThat(r.failures()).isEmpty();
        });
    }

    @Test
    void enforceModeShouldStillRefuseAnUntrustedCertificateAndCountTheFailure() throws Exception {
        DeliveryOutcome outcome = withPolicy("enforce", wrong).send(message());

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, d ->
                assertThat(d.reason()).startsWith("MTA-STS enforce (id 20260101T000000) requires TLS"));
        assertThat(smtp.received()).isEmpty();
        assertThat(today()).singleElement().satisfies(r -> {
            assertThat(r.successes()).isZero();
            assertThat(r.failures()).extracting(TlsReport.Failure::type).containsOnly(TlsResultType.CERTIFICATE_NOT_TRUSTED);
            assertThat(r.policy().policyString()).contains("mode: enforce");
        });
    }

    @Test
    void enforceModeShouldCountAVerifiedSessionAsASuccess() throws Exception {
        DeliveryOutcome outcome = withPolicy("enforce", good).send(message());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(today()).singleElement().satisfies(r -> {
            assertThat(r.successes()).isEqualTo(1);
            assertThat(r.failures()).isEmpty();
        });
    }

    @Test
    void anMxWithoutStarttlsUnderATestingPolicyShouldBeCountedAsStarttlsNotSupported() throws Exception {
        DeliveryOutcome outcome = with(new StsPolicyServer(good.serverContext(), StsPolicyServer.policy("testing", "mx." + DOMAIN)),
                TlsSmtpServer.plain()).send(message());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(today()).singleElement().satisfies(r -> {
            assertThat(r.successes()).isZero();
            assertThat(r.failures()).containsExactly(new TlsReport.Failure(TlsResultType.STARTTLS_NOT_SUPPORTED,
                    Optional.of("mx." + DOMAIN), Optional.of("127.0.0.1"), 1));
        });
    }

    @Test
    void aPolicyHostWithAnUntrustedCertificateShouldBeCountedAsStsWebpkiInvalid() throws Exception {
        DeliveryOutcome outcome = with(new StsPolicyServer(wrong.serverContext(), StsPolicyServer.policy("enforce", "mx." + DOMAIN)),
                TlsSmtpServer.starttls(good.serverContext())).send(message());

        assertThat(outcome).as("without a policy, mail goes as before").isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(stsFailures()).containsExactly(TlsResultType.STS_WEBPKI_INVALID);
    }

    @Test
    void aPolicyFileThatDoesNotParseShouldBeCountedAsStsPolicyInvalid() throws Exception {
        with(new StsPolicyServer(good.serverContext(), "version: STSv1\nmode: sometimes\n"),
                TlsSmtpServer.starttls(good.serverContext())).send(message());

        assertThat(stsFailures()).containsExactly(TlsResultType.STS_POLICY_INVALID);
    }

    @Test
    void aPolicyFetchThatFailsOtherwiseShouldBeCountedAsStsPolicyFetchError() throws Exception {
        StsPolicyServer closed = new StsPolicyServer(good.serverContext(), StsPolicyServer.policy("enforce", "mx." + DOMAIN));
        closed.close(); // its port now refuses connections
        with(closed, TlsSmtpServer.starttls(good.serverContext())).send(message());

        assertThat(stsFailures()).containsExactly(TlsResultType.STS_POLICY_FETCH_ERROR);
    }

    private List<TlsResultType> stsFailures() {
        return today().stream().filter(r -> r.policy().policyString().isEmpty()).flatMap(r -> r.failures().stream())
                .map(TlsReport.Failure::type).toList();
    }

    @Test
    void theDaysReportShouldReachTheHttpsAndMailtoRuaOfTheDomainsTlsRptRecord() throws Exception {
        testingMode(wrong).send(message());
        TlsReport report = today().getFirst();

        List<String> contentTypes = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(receiver.serverContext()));
        https.createContext("/tlsrpt", exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        https.start();
        GreenMail mailbox = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mailbox.start();
        try {
            URI httpsRua = URI.create("https://localhost:" + https.getAddress().getPort() + "/tlsrpt");
            dns.txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@" + DOMAIN + "," + httpsRua, 300);
            TlsRptRecord record = new TlsRptRecordLookup(Optional.of(new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(dns.address().substring(dns.address().lastIndexOf(':') + 1)))), Duration.ofSeconds(5))
                    .lookup(Domain.of(DOMAIN)).orElseThrow();
            TlsReportSubmitter submitter = new TlsReportSubmitter(new SubmitSettings("acme.example", "Acme", "mailto:tls@acme.example",
                    "tls-reports@acme.example", new SmtpRoute("127.0.0.1", mailbox.getSmtp().getPort()),
                    Optional.of(TrustedCa.sslContext(receiverCaPem)), Duration.ofSeconds(10)));

            List<TlsReportSubmitter.Submission> result = submitter.submit(report, record);

            assertThat(result).containsExactly(new TlsReportSubmitter.Submitted(URI.create("mailto:tls-reports@" + DOMAIN)),
                    new TlsReportSubmitter.Submitted(httpsRua));
            assertThat(contentTypes).containsExactly("application/tlsrpt+gzip");
            assertThat(gunzip(bodies.getFirst())).isEqualTo(report.toJson()).contains("\"result-type\":\"certificate-not-trusted\"");

            MimeMessage mail = mailbox.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0]).hasToString("tls-reports@" + DOMAIN);
            assertThat(mail.getContentType()).contains("multipart/report").contains("report-type=tlsrpt");
            assertThat(mail.getHeader("TLS-Report-Domain", null)).isEqualTo(DOMAIN);
            assertThat(mail.getHeader("TLS-Report-Submitter", null)).isEqualTo("acme.example");
            assertThat(mail.getSubject()).startsWith("Report Domain: " + DOMAIN + " Submitter: acme.example Report-ID: <");
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            var attachment = parts.getBodyPart(1);
            assertThat(attachment.getContentType()).startsWith("application/tlsrpt+gzip");
            assertThat(attachment.getFileName()).isEqualTo(report.fileName("acme.example"));
            assertThat(gunzip(attachment.getInputStream().readAllBytes())).isEqualTo(report.toJson());
        } finally {
            mailbox.stop();
            https.stop(0);
        }
    }

    @Test
    void aRuaThatRefusesShouldBeReportedAsFailedNotThrown() throws Exception {
        TlsReportSubmitter submitter = new TlsReportSubmitter(new SubmitSettings("acme.example", "Acme", "mailto:tls@acme.example",
                "tls-reports@acme.example", new SmtpRoute("127.0.0.1", 1), Optional.empty(), Duration.ofSeconds(2)));
        TlsReport report = new TlsReport("Acme", "c", "r", LocalDate.now(clock.withZone(ZoneOffset.UTC)), Domain.of(DOMAIN),
                new io.mailstream.dispatcher.tls.report.ReportedPolicy("sts", List.of(), List.of()), 1, List.of());

        List<TlsReportSubmitter.Submission> result = submitter.submit(report,
                TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:x@" + DOMAIN + ",https://127.0.0.1:1/r"));

        assertThat(result).hasSize(2).allSatisfy(s -> assertThat(s).isInstanceOf(TlsReportSubmitter.Failed.class));
    }

    private static String gunzip(byte[] gz) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
