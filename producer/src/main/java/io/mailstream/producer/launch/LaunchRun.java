package io.mailstream.producer.launch;

import io.mailstream.avro.MailMessage;
import io.mailstream.producer.campaign.CampaignDefinition;
import io.mailstream.producer.launch.internal.DistinctIdCounter;
import io.mailstream.producer.recipients.RecipientReader;
import io.mailstream.producer.recipients.RecipientRow;
import io.mailstream.producer.recipients.RecipientValidator;
import io.mailstream.producer.recipients.RowOutcome;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.sites.SiteResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Streams one campaign's recipients into {@code mail.outbound} in memory independent of the list's
 * size: one row at a time (plus the few thousand events queued for the {@link PipelinedSender}),
 * the fixed-size {@link DuplicateFilter} window, and a chunk of the {@link DistinctIdCounter} (which
 * spills to temporary files). The first failed delivery stops the run; the caller turns the
 * exception into a {@link LaunchException} with this run's counters.
 */
final class LaunchRun {
    private static final int PROGRESS_EVERY_ROWS = 4096;

    private final CampaignDefinition definition;
    private final Producer<String, byte[]> producer;
    private final AvroSerializer<MailMessage> serializer;
    private final Clock clock;
    private final Progress progress;
    private final RecipientValidator validator = new RecipientValidator();
    /** Ids held by the distinct counter between spills: 16 MB. */
    private static final int DISTINCT_CHUNK_IDS = 1 << 20;

    private final DuplicateFilter duplicates;
    private final SiteResolver sites;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final long startMillis;
    private long rowsRead;
    private long published;
    private long rejected;
    private long duplicateCount;
    private final Optional<SuppressedAddresses> suppressions;
    private long suppressedCount;
    private long bytesRead;
    private long totalBytes;

    LaunchRun(CampaignDefinition definition, Producer<String, byte[]> producer, AvroSerializer<MailMessage> serializer,
              Clock clock, Progress progress, int duplicateWindow) {
        this(definition, producer, serializer, clock, progress, duplicateWindow, Optional.empty(), SiteResolver.providersOnly());
    }

    /**
     * @param suppressions the addresses to leave out ({@code --skip-suppressed}), if any
     * @param sites        routes each recipient to its site (provider table, and MX lookups with {@code --mx-lookup})
     */
    LaunchRun(CampaignDefinition definition, Producer<String, byte[]> producer, AvroSerializer<MailMessage> serializer,
              Clock clock, Progress progress, int duplicateWindow, Optional<SuppressedAddresses> suppressions, SiteResolver sites) {
        this.suppressions = suppressions;
        this.sites = sites;
        this.definition = definition;
        this.duplicates = new DuplicateFilter(duplicateWindow);
        this.producer = producer;
        this.serializer = serializer;
        this.clock = clock;
        this.progress = progress;
        this.startMillis = clock.millis();
    }

    /** Publishes every valid unique recipient and waits until Kafka acknowledged all of them. */
    LaunchSummary run(Path rejectsFile) throws Exception {
        Path source = definition.recipients().path();
        totalBytes = Files.size(source);
        Path spillDir = Files.createTempDirectory("mailstream-launch-" + definition.id().replaceAll("[^A-Za-z0-9_-]", "_") + "-");
        long unique;
        try (RecipientReader reader = definition.recipients().open();
             RejectsWriter rejects = new RejectsWriter(rejectsFile);
             DistinctIdCounter distinct = new DistinctIdCounter(spillDir, DISTINCT_CHUNK_IDS);
             PipelinedSender sender = new PipelinedSender(producer, serializer, this::onCompletion, definition.id())) {
            Optional<RecipientRow> row;
            while ((row = reader.next()).isPresent()) {
                throwIfFailed();
                rowsRead++;
                handle(row.get(), rejects, sender, distinct);
                if (rowsRead % PROGRESS_EVERY_ROWS == 0) {
                    bytesRead = reader.bytesRead();
                    progress.update(snapshot());
                }
            }
            bytesRead = reader.bytesRead();
            sender.finish();
            producer.flush();
            throwIfFailed();
            if (acknowledged.get() != published) {
                throw new IllegalStateException("flush returned with " + (published - acknowledged.get())
                        + " events neither acknowledged nor failed");
            }
            unique = distinct.count();
        } finally {
            Files.deleteIfExists(spillDir);
            progress.finished(snapshot());
        }
        return LaunchSummary.of(definition.id(), definition.version(), rowsRead, published, unique, rejected, duplicateCount,
                suppressedCount, clock.millis() - startMillis, rejectsFile);
    }

    private void handle(RecipientRow row, RejectsWriter rejects, PipelinedSender sender, DistinctIdCounter distinct)
            throws Exception {
        RowOutcome outcome = validator.check(row);
        if (outcome instanceof RowOutcome.Rejected r) {
            rejected++;
            rejects.write(r.line(), r.address(), r.reason());
            return;
        }
        RowOutcome.Valid valid = (RowOutcome.Valid) outcome;
        // A skipped recipient is no message of the campaign: it must not count towards the total DONE waits for.
        if (suppressions.isPresent() && suppressions.get().contains(valid.address())) {
            suppressedCount++;
            rejects.write(valid.line(), row.email(), "suppressed (mail.suppressions): not published, --skip-suppressed");
            return;
        }
        String messageId = CampaignRecords.messageId(definition, valid.address());
        distinct.add(messageId);
        if (!duplicates.firstTime(messageId)) {
            duplicateCount++;
            rejects.write(valid.line(), row.email(), "duplicate of an earlier row (same address, case-insensitive)");
            return;
        }
        MailMessage message = CampaignRecords.message(definition, valid, messageId, Instant.now(clock), sites);
        sender.submit(message);
        published++;
    }

    private void onCompletion(RecordMetadata metadata, Exception error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        } else {
            acknowledged.incrementAndGet();
        }
    }

    private void throwIfFailed() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    LaunchProgress snapshot() {
        return new LaunchProgress(definition.id(), rowsRead, published, acknowledged.get(), rejected, duplicateCount,
                bytesRead, totalBytes, Duration.ofMillis(Math.max(0, clock.millis() - startMillis)));
    }

    long rowsRead() {
        return rowsRead;
    }

    long published() {
        return published;
    }

    long acknowledged() {
        return acknowledged.get();
    }
}
