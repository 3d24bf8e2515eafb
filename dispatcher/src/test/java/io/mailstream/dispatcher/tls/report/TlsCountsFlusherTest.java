package io.mailstream.dispatcher.tls.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.TlsReportEntry;
import io.mailstream.avro.TlsReportEntryKind;
import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.dispatcher.tls.report.internal.TlsReportEntries;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TlsCountsFlusherTest {
    private static final Domain DOMAIN = Domain.of("example.test");
    private static final ReportedPolicy POLICY = new ReportedPolicy("sts", List.of("version: STSv1", "mode: testing"),
            List.of("mx.example.test"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<TlsReportEntry> serde = AvroSerde.forValue(TlsReportEntry.class, registry);
    private final DailyTlsAggregates aggregates = new DailyTlsAggregates(clock);
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final TlsCountsFlusher flusher = new TlsCountsFlusher(aggregates, producer, registry, "d-1", Duration.ofMinutes(1), clock);

    private void session(Optional<TlsResultType> failure) {
        aggregates.record(new TlsSessionResult(DOMAIN, POLICY, Optional.of("mx.example.test"), Optional.of("192.0.2.1"), failure));
    }

    private List<TlsReportEntry> written() {
        return producer.history().stream().map(r -> serde.deserializer().deserialize(r.topic(), r.value())).toList();
    }

    @Test
    void flushShouldWriteWhatWasCountedSinceThePreviousFlushKeyedByDomainAndDay() {
        session(Optional.empty());
        session(Optional.of(TlsResultType.CERTIFICATE_NOT_TRUSTED));
        flusher.flush();
        session(Optional.empty());
        flusher.flush();
        flusher.flush(); // nothing new: nothing written

        assertThat(producer.history()).hasSize(2).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(Topics.TLS_REPORTS);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("example.test|2026-03-01");
        });
        List<TlsReportEntry> entries = written();
        assertThat(entries.get(0).getKind()).isEqualTo(TlsReportEntryKind.COUNTS);
        assertThat(entries.get(0).getWriter()).isEqualTo("d-1");
        assertThat(entries.get(0).getSuccesses()).isEqualTo(1);
        assertThat(entries.get(0).getFailures()).singleElement().satisfies(f -> {
            assertThat(f.getResultType()).isEqualTo("certificate-not-trusted");
            assertThat(f.getSessions()).isEqualTo(1);
            assertThat(f.getReceivingMx()).isEqualTo("mx.example.test");
        });
        assertThat(entries.get(1).getSuccesses()).isEqualTo(1);
        assertThat(entries.get(1).getFailures()).isEmpty();
    }

    @Test
    void theWrittenEntriesShouldSumBackToTheSameReport() {
        session(Optional.empty());
        session(Optional.of(TlsResultType.STARTTLS_NOT_SUPPORTED));
        flusher.flush();
        session(Optional.of(TlsResultType.STARTTLS_NOT_SUPPORTED));
        flusher.flush();

        DailyTlsAggregates sums = new DailyTlsAggregates(clock);
        written().forEach(e -> sums.add(TlsReportEntries.toCounts(e)));

        assertThat(sums.reports(LocalDate.parse("2026-03-01"), "Acme", "mailto:tls@acme.example")).singleElement().satisfies(r -> {
            assertThat(r.policy()).isEqualTo(POLICY);
            assertThat(r.successes()).isEqualTo(1);
            assertThat(r.failures()).containsExactly(new TlsReport.Failure(TlsResultType.STARTTLS_NOT_SUPPORTED,
                    Optional.of("mx.example.test"), Optional.of("192.0.2.1"), 2));
        });
    }

    @Test
    void maybeFlushShouldWaitForTheInterval() {
        session(Optional.empty());
        flusher.maybeFlush();
        assertThat(producer.history()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        flusher.maybeFlush();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void countsOfARefusedWriteShouldGoWithTheNextFlush() {
        MockProducer<byte[], byte[]> refusing = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        TlsCountsFlusher f = new TlsCountsFlusher(aggregates, refusing, registry, "d-1", Duration.ofMinutes(1), clock);
        session(Optional.empty());
        session(Optional.empty());
        f.flush();
        refusing.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        session(Optional.empty());

        f.flush();
        refusing.completeNext();

        ProducerRecord<byte[], byte[]> retried = refusing.history().get(1);
        assertThat(serde.deserializer().deserialize(retried.topic(), retried.value()).getSuccesses()).isEqualTo(3);
    }
}
