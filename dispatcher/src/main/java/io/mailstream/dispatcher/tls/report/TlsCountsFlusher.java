package io.mailstream.dispatcher.tls.report;

import io.mailstream.avro.TlsReportEntry;
import io.mailstream.dispatcher.tls.report.internal.TlsReportEntries;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a dispatcher's TLS-RPT counts to {@code mail.tls-reports} every {@code tls-rpt.flush-interval}
 * and once more at shutdown, as deltas (what was counted since the previous flush) keyed by policy
 * domain and day, so the counts of every dispatcher and every restart add up. A write the broker
 * refuses is added back and goes with the next flush. Not thread-safe: called by the dispatcher's
 * loop thread only (its housekeeping and its shutdown).
 */
public final class TlsCountsFlusher {
    private static final Logger log = LoggerFactory.getLogger(TlsCountsFlusher.class);

    private final DailyTlsAggregates aggregates;
    private final Producer<byte[], byte[]> producer;
    private final AvroSerializer<TlsReportEntry> serializer;
    private final String writer;
    private final Duration interval;
    private final Clock clock;
    private Instant nextFlush;

    /** @param writer the dispatcher id, written into each entry (provenance only) */
    public TlsCountsFlusher(DailyTlsAggregates aggregates, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                            String writer, Duration interval, Clock clock) {
        this.aggregates = aggregates;
        this.producer = producer;
        this.serializer = new AvroSerializer<>(registry, SpecificData.get().getSchema(TlsReportEntry.class), false);
        this.writer = writer;
        this.interval = interval;
        this.clock = clock;
        this.nextFlush = clock.instant().plus(interval);
    }

    /** Flushes when the interval has passed; cheap otherwise. */
    public void maybeFlush() {
        if (!clock.instant().isBefore(nextFlush)) {
            flush();
        }
    }

    /** Writes everything counted so far (asynchronously: the producer's flush or close waits for it). */
    public void flush() {
        Instant now = clock.instant();
        nextFlush = now.plus(interval);
        for (TlsDayCounts c : aggregates.drain()) {
            if (c.isEmpty()) {
                continue;
            }
            try {
                byte[] key = TlsReportEntries.key(c.policyDomain(), c.day()).getBytes(StandardCharsets.UTF_8);
                byte[] value = serializer.serialize(Topics.TLS_REPORTS, TlsReportEntries.counts(c, writer, now));
                producer.send(new ProducerRecord<>(Topics.TLS_REPORTS, key, value), (md, e) -> {
                    if (e != null) {
                        handBack(c, e);
                    }
                });
            } catch (RuntimeException e) {
                // e.g. the registry is down: keep the counts for the next flush
                handBack(c, e);
            }
        }
    }

    private void handBack(TlsDayCounts c, Exception e) {
        log.warn("could not write the TLS-RPT counts of {} for {} to {} ({}); keeping them for the next flush",
                c.policyDomain(), c.day(), Topics.TLS_REPORTS, e.toString());
        aggregates.add(c);
    }
}
