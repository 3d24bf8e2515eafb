package io.mailstream.dispatcher.tls.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.TlsReportEntry;
import io.mailstream.avro.TlsReportEntryKind;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.dispatcher.tls.report.internal.TlsReportEntries;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What {@code tlsrpt send} marks as done and what it leaves for the next run; the HTTPS path end to end: {@code MtaStsDeliveryIT}. */
class TlsReportSenderTest {
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");
    private static final Domain DOMAIN = Domain.of("example.test");
    private static final TopicPartition PARTITION = new TopicPartition(Topics.TLS_REPORTS, 0);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:10:00Z"));
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<TlsReportEntry> serde = AvroSerde.forValue(TlsReportEntry.class, registry);
    @SuppressWarnings("deprecation")
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    // nothing listens on port 1: every submission fails
    private final TlsReportSubmitter refusing = new TlsReportSubmitter(new SubmitSettings("acme.example", "Acme", "mailto:tls@acme.example",
            "tls@acme.example", new SmtpRoute("127.0.0.1", 1), Optional.empty(), Duration.ofSeconds(2)));

    private void topic(TlsReportEntry... entries) {
        consumer.updatePartitions(Topics.TLS_REPORTS, List.of(new PartitionInfo(Topics.TLS_REPORTS, 0, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, (long) entries.length));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < entries.length; i++) {
                consumer.addRecord(new ConsumerRecord<>(Topics.TLS_REPORTS, 0, i,
                        TlsReportEntries.key(DOMAIN, DAY).getBytes(StandardCharsets.UTF_8), serde.serializer().serialize(Topics.TLS_REPORTS, entries[i])));
            }
        });
    }

    private static TlsReportEntry counts(long failures) {
        return TlsReportEntries.counts(new TlsDayCounts(DOMAIN, DAY, new ReportedPolicy("sts", List.of("mode: testing"), List.of()), 1,
                List.of(new TlsReport.Failure(TlsResultType.CERTIFICATE_EXPIRED, Optional.of("mx.example.test"), Optional.empty(), failures))),
                "d-1", Instant.parse("2026-03-01T12:00:00Z"));
    }

    private TlsReportSender sender(TlsReportSender.RecordLookup records, TlsReportSubmitter submitter) {
        return new TlsReportSender(consumer, producer, registry, records, submitter, "Acme", "mailto:tls@acme.example", clock,
                Duration.ofSeconds(10));
    }

    private List<TlsReportEntry> marks() {
        return producer.history().stream().map(r -> serde.deserializer().deserialize(r.topic(), r.value()))
                .filter(e -> e.getKind() == TlsReportEntryKind.SENT).toList();
    }

    @Test
    void aDomainWithoutATlsRptRecordShouldBeMarkedSoTheNextRunSkipsIt() throws IOException {
        topic(counts(2), counts(3));

        List<TlsReportSender.Outcome> outcomes = sender(d -> Optional.empty(), refusing).send(DAY);

        assertThat(outcomes).containsExactly(new TlsReportSender.NoRecord(DOMAIN));
        assertThat(marks()).singleElement().satisfies(m -> {
            assertThat(m.getPolicyDomain()).isEqualTo("example.test");
            assertThat(m.getDay()).isEqualTo("2026-03-01");
            assertThat(m.getNote()).isEqualTo("no TLS-RPT record");
        });
    }

    @Test
    void aReportEveryRuaRefusedShouldNotBeMarkedSoTheNextRunTriesAgain() throws IOException {
        topic(counts(2));

        List<TlsReportSender.Outcome> outcomes = sender(d -> Optional.of(TlsRptRecord.parse("v=TLSRPTv1; rua=https://127.0.0.1:1/r")),
                refusing).send(DAY);

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(TlsReportSender.NotSent.class,
                n -> assertThat(n.reason()).startsWith("every rua refused"));
        assertThat(marks()).isEmpty();
    }

    @Test
    void aDnsFailureShouldNotBeMarked() throws IOException {
        topic(counts(2));

        List<TlsReportSender.Outcome> outcomes = sender(d -> {
            throw new IOException("SERVFAIL");
        }, refusing).send(DAY);

        assertThat(outcomes).singleElement().isInstanceOf(TlsReportSender.NotSent.class);
        assertThat(marks()).isEmpty();
    }

    @Test
    void aDayAlreadyMarkedShouldNotBeLookedUpOrSentAgain() throws IOException {
        topic(counts(2), TlsReportEntries.sent(DOMAIN, DAY, "sent to https://x", Instant.parse("2026-03-02T00:05:00Z")));

        List<TlsReportSender.Outcome> outcomes = sender(d -> {
            throw new AssertionError("looked up " + d);
        }, refusing).send(DAY);

        assertThat(outcomes).containsExactly(new TlsReportSender.AlreadySent(DOMAIN));
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aDayThatIsNotOverShouldBeRefused() {
        topic();

        assertThatThrownBy(() -> sender(d -> Optional.empty(), refusing).send(LocalDate.parse("2026-03-02")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not over yet");
    }
}
