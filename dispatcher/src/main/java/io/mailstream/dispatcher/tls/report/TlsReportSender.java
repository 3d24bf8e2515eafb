package io.mailstream.dispatcher.tls.report;

import io.mailstream.avro.TlsReportEntry;
import io.mailstream.avro.TlsReportEntryKind;
import io.mailstream.dispatcher.tls.report.internal.TlsReportEntries;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mailstream tlsrpt send}: reads {@code mail.tls-reports} from its start, sums the counts
 * every dispatcher wrote for one finished UTC day per policy domain, submits each domain's report to
 * the rua of its {@code _smtp._tls} record (RFC 8460 §3, §5.3), and writes a SENT mark for it, so a
 * second run sends nothing for that domain and day. A domain without a record is marked too (there
 * is nowhere to send it); a domain whose every rua failed, or whose DNS did not answer, is not, so
 * the next run tries again.
 */
public final class TlsReportSender {
    private static final Logger log = LoggerFactory.getLogger(TlsReportSender.class);

    /** The domain's {@code _smtp._tls} record, empty when it publishes none. */
    @FunctionalInterface
    public interface RecordLookup {
        Optional<TlsRptRecord> lookup(Domain domain) throws IOException;
    }

    /** What became of one policy domain's report. */
    public sealed interface Outcome {
        Domain domain();
    }

    /** Submitted; {@code submissions} says per rua whether it was taken. */
    public record Sent(Domain domain, List<TlsReport> reports, List<TlsReportSubmitter.Submission> submissions) implements Outcome {
    }

    /** A previous run sent it (or found no record). */
    public record AlreadySent(Domain domain) implements Outcome {
    }

    /** The domain publishes no TLS-RPT record: nothing sent, marked as done. */
    public record NoRecord(Domain domain) implements Outcome {
    }

    /** Not sent and not marked: the next run tries again. */
    public record NotSent(Domain domain, String reason) implements Outcome {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final AvroSerde<TlsReportEntry> serde;
    private final AvroSerializer<TlsReportEntry> serializer;
    private final RecordLookup records;
    private final TlsReportSubmitter submitter;
    private final String organization;
    private final String contact;
    private final Clock clock;
    private final Duration readTimeout;

    public TlsReportSender(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                           RecordLookup records, TlsReportSubmitter submitter, String organization, String contact,
                           Clock clock, Duration readTimeout) {
        this.consumer = consumer;
        this.producer = producer;
        this.serde = AvroSerde.forValue(TlsReportEntry.class, registry);
        this.serializer = new AvroSerializer<>(registry, SpecificData.get().getSchema(TlsReportEntry.class), false);
        this.records = records;
        this.submitter = submitter;
        this.organization = Objects.requireNonNull(organization, "organization");
        this.contact = Objects.requireNonNull(contact, "contact");
        this.clock = clock;
        this.readTimeout = readTimeout;
    }

    /**
     * Sends the reports of {@code day}, which must be over (RFC 8460 §4.1: a report covers a whole UTC day).
     *
     * @throws IllegalArgumentException when {@code day} is today or later
     */
    public List<Outcome> send(LocalDate day) throws IOException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        if (!day.isBefore(today)) {
            throw new IllegalArgumentException("day " + day + " is not over yet (today is " + today + " UTC): reports cover"
                    + " whole UTC days; send it tomorrow");
        }
        DailyTlsAggregates sums = new DailyTlsAggregates(clock);
        Set<Domain> sent = new HashSet<>();
        Set<Domain> seen = new java.util.TreeSet<>(java.util.Comparator.comparing(Domain::asString));
        for (TlsReportEntry e : readAll()) {
            if (!e.getDay().equals(day.toString())) {
                continue;
            }
            Domain domain;
            try {
                domain = Domain.of(e.getPolicyDomain());
                if (e.getKind() == TlsReportEntryKind.SENT) {
                    sent.add(domain);
                } else {
                    sums.add(TlsReportEntries.toCounts(e));
                }
                seen.add(domain);
            } catch (RuntimeException bad) {
                log.warn("skipping a TLS-RPT entry of {} that cannot be read: {}", e.getPolicyDomain(), bad.getMessage());
            }
        }
        Map<Domain, List<TlsReport>> reports = new LinkedHashMap<>();
        for (TlsReport r : sums.reports(day, organization, contact)) {
            reports.computeIfAbsent(r.policyDomain(), d -> new ArrayList<>()).add(r);
        }
        List<Outcome> out = new ArrayList<>();
        for (Domain domain : seen) {
            if (sent.contains(domain)) {
                out.add(new AlreadySent(domain));
            } else if (reports.containsKey(domain)) {
                out.add(submit(domain, day, reports.get(domain)));
            }
        }
        producer.flush();
        return out;
    }

    private Outcome submit(Domain domain, LocalDate day, List<TlsReport> reports) {
        Optional<TlsRptRecord> record;
        try {
            record = records.lookup(domain);
        } catch (IOException e) {
            return new NotSent(domain, "its _smtp._tls record could not be read: " + e.getMessage());
        }
        if (record.isEmpty()) {
            markSent(domain, day, "no TLS-RPT record");
            return new NoRecord(domain);
        }
        List<TlsReportSubmitter.Submission> submissions = new ArrayList<>();
        for (TlsReport r : reports) {
            submissions.addAll(submitter.submit(r, record.get()));
        }
        List<String> taken = submissions.stream().filter(s -> s instanceof TlsReportSubmitter.Submitted).map(s -> s.rua().toString())
                .distinct().toList();
        if (taken.isEmpty()) {
            return new NotSent(domain, "every rua refused: " + submissions);
        }
        // Marked once any rua took it: sending again to those would duplicate it (§5.3 asks for one report per day).
        markSent(domain, day, "sent to " + String.join(", ", taken));
        return new Sent(domain, reports, submissions);
    }

    private void markSent(Domain domain, LocalDate day, String note) {
        byte[] key = TlsReportEntries.key(domain, day).getBytes(StandardCharsets.UTF_8);
        byte[] value = serializer.serialize(Topics.TLS_REPORTS, TlsReportEntries.sent(domain, day, note, Instant.now(clock)));
        try {
            // synchronously: a mark that is not written means a duplicate report tomorrow, so say so now
            producer.send(new ProducerRecord<>(Topics.TLS_REPORTS, key, value)).get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the report of " + domain + " for " + day + " was sent, but marking it in "
                    + Topics.TLS_REPORTS + " failed: a next run would send it again (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while marking the report of " + domain + " as sent", e);
        }
    }

    private List<TlsReportEntry> readAll() throws IOException {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TLS_REPORTS, readTimeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, readTimeout);
        List<TlsReportEntry> out = new ArrayList<>();
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, readTimeout) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("could not read " + Topics.TLS_REPORTS + " to its end within " + readTimeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    out.add(serde.decode(r));
                } catch (RuntimeException e) {
                    log.warn("skipping the unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                }
            }
        }
        return out;
    }
}
