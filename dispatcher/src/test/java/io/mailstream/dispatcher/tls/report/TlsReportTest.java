package io.mailstream.dispatcher.tls.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.schemas.address.Domain;
import io.mailstream.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TlsReportTest {
    private static final Domain DOMAIN = Domain.of("example.test");
    private static final ReportedPolicy POLICY = new ReportedPolicy("sts", List.of("version: STSv1", "mode: testing",
            "mx: mx.example.test", "max_age: 86400"), List.of("mx.example.test"));

    private static TlsSessionResult session(Optional<TlsResultType> failure) {
        return new TlsSessionResult(DOMAIN, POLICY, Optional.of("mx.example.test"), Optional.of("192.0.2.1"), failure);
    }

    @Test
    void aggregatesShouldCountSuccessesAndFailuresPerUtcDay() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:00Z"));
        DailyTlsAggregates aggregates = new DailyTlsAggregates(clock);
        aggregates.record(session(Optional.empty()));
        aggregates.record(session(Optional.of(TlsResultType.CERTIFICATE_EXPIRED)));
        aggregates.record(session(Optional.of(TlsResultType.CERTIFICATE_EXPIRED)));
        clock.advance(Duration.ofMinutes(2)); // the next UTC day
        aggregates.record(session(Optional.empty()));

        List<TlsReport> first = aggregates.reports(LocalDate.parse("2026-03-01"), "Acme", "mailto:tls@acme.example");
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.successes()).isEqualTo(1);
            assertThat(r.failures()).containsExactly(new TlsReport.Failure(TlsResultType.CERTIFICATE_EXPIRED,
                    Optional.of("mx.example.test"), Optional.of("192.0.2.1"), 2));
        });
        assertThat(aggregates.reports(LocalDate.parse("2026-03-02"), "Acme", "c")).singleElement()
                .satisfies(r -> assertThat(r.successes()).isEqualTo(1));
        aggregates.forgetBefore(LocalDate.parse("2026-03-02"));
        assertThat(aggregates.reports(LocalDate.parse("2026-03-01"), "Acme", "c")).isEmpty();
    }

    @Test
    void theReportShouldBeRfc8460JsonAndGzipped() throws Exception {
        TlsReport r = new TlsReport("Acme \"Mail\"", "mailto:tls@acme.example", "r-1", LocalDate.parse("2026-03-01"), DOMAIN, POLICY, 5,
                List.of(new TlsReport.Failure(TlsResultType.CERTIFICATE_HOST_MISMATCH, Optional.of("mx.example.test"),
                        Optional.of("192.0.2.1"), 2)));
        String json = r.toJson();
        assertThat(json).isEqualTo("{\"organization-name\":\"Acme \\\"Mail\\\"\",\"date-range\":{\"start-datetime\":"
                + "\"2026-03-01T00:00:00Z\",\"end-datetime\":\"2026-03-01T23:59:59Z\"},\"contact-info\":\"mailto:tls@acme.example\","
                + "\"report-id\":\"r-1\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\","
                + "\"mode: testing\",\"mx: mx.example.test\",\"max_age: 86400\"],\"policy-domain\":\"example.test\",\"mx-host\":"
                + "[\"mx.example.test\"]},\"summary\":{\"total-successful-session-count\":5,\"total-failure-session-count\":2},"
                + "\"failure-details\":[{\"result-type\":\"certificate-host-mismatch\",\"receiving-ip\":\"192.0.2.1\","
                + "\"receiving-mx-hostname\":\"mx.example.test\",\"failed-session-count\":2}]}]}");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.gzipped()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        }
        assertThat(r.fileName("acme.example")).isEqualTo("acme.example!example.test!1772323200!1772409599.json.gz");
    }

    @Test
    void theTlsRptRecordShouldGiveItsRuaAndRefuseOtherSchemes() {
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:tls@example.test,https://r.example.test/v1").rua())
                .containsExactly(URI.create("mailto:tls@example.test"), URI.create("https://r.example.test/v1"));
        assertThatThrownBy(() -> TlsRptRecord.parse("v=TLSRPTv1; rua=http://r.example.test")).hasMessageContaining("neither mailto");
        assertThatThrownBy(() -> TlsRptRecord.parse("v=STSv1; id=1")).hasMessageContaining("v=TLSRPTv1");
        assertThatThrownBy(() -> TlsRptRecord.parse("v=TLSRPTv1;")).hasMessageContaining("no rua");
    }
}
