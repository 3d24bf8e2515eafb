package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryEvents;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One iteration at a time of the dispatcher's consumer: poll {@code mail.transactional} and
 * {@code mail.outbound} in one group, process each record (transactional first), write its
 * outcome, and commit the offsets whose outcomes Kafka has acknowledged. Undecodable records go to
 * the dead-letter topic with their original bytes; a paused campaign's record holds its partition
 * (paused and sought back, so nothing past it is committed) until the campaign resumes.
 * Single-threaded: {@link #pollOnce()} and {@link #shutdown(Duration)} run on the owner's thread.
 */
public final class ConsumeLoop {
    private static final Logger log = LoggerFactory.getLogger(ConsumeLoop.class);
    static final List<String> TOPICS = List.of(Topics.TRANSACTIONAL, Topics.OUTBOUND);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final OutcomePublisher publisher;
    private final AvroSerde<MailMessage> serde;
    private final MessageProcessor processor;
    private final Clock clock;
    private final String dispatcherId;
    private final Duration pollTimeout;
    private final PendingOffsets pending = new PendingOffsets();
    private final Map<TopicPartition, String> held = new HashMap<>();
    private volatile boolean stopping;

    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, SchemaRegistry registry,
                       MessageProcessor processor, Clock clock, String dispatcherId, Duration pollTimeout) {
        this.consumer = consumer;
        this.producer = producer;
        this.publisher = new OutcomePublisher(producer, registry);
        this.serde = AvroSerde.forValue(MailMessage.class, registry);
        this.processor = processor;
        this.clock = clock;
        this.dispatcherId = dispatcherId;
        this.pollTimeout = pollTimeout;
    }

    /** Registers output schemas and joins the group; call once, before the first {@link #pollOnce()}. */
    public void subscribe() {
        publisher.registerSchemas();
        consumer.subscribe(TOPICS, new Rebalance());
    }

    /** Asks a running {@link #pollOnce()} to stop after the message in hand. Safe from any thread. */
    public void requestStop() {
        stopping = true;
    }

    /** Polls once, processes what came, commits what is durable; returns how many records were processed. */
    public int pollOnce() throws InterruptedException {
        releaseHeld();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        int processed = 0;
        Set<TopicPartition> skip = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : transactionalFirst(records)) {
            if (stopping) {
                break;
            }
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (skip.contains(tp)) {
                continue;
            }
            if (!handle(record, tp)) {
                // Re-read from this record later: nothing after it in the partition may overtake it.
                consumer.seek(tp, record.offset());
                skip.add(tp);
                continue;
            }
            processed++;
        }
        commitDurable();
        return processed;
    }

    /** @return false when the record must be read again later (held, or the registry is unreachable) */
    private boolean handle(ConsumerRecord<byte[], byte[]> record, TopicPartition tp) throws InterruptedException {
        MailMessage message;
        try {
            message = serde.decode(record);
        } catch (CorruptRecordException e) {
            log.error("dead-lettering undecodable record: {}", e.getMessage());
            pending.track(tp, record.offset(), List.of(publisher.deadLetter(record, e)));
            return true;
        } catch (SchemaRegistryException e) {
            log.warn("schema registry unavailable while decoding {}-{}@{}; will retry: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
        Decision decision = processor.process(message);
        if (decision instanceof Decision.Hold h) {
            if (held.put(tp, h.campaignId()) == null) {
                log.info("campaign {} is paused: holding {} at offset {}", h.campaignId(), tp, record.offset());
            }
            consumer.pause(List.of(tp));
            return false;
        }
        DeliveryOutcome outcome = ((Decision.Done) decision).outcome();
        Instant now = clock.instant();
        List<Future<?>> writes = new ArrayList<>(2);
        writes.add(publisher.event(DeliveryEvents.of(message, outcome, now, dispatcherId)));
        if (outcome instanceof DeliveryOutcome.Deferred) {
            writes.add(publisher.retry(message, now));
        }
        pending.track(tp, record.offset(), writes);
        return true;
    }

    private void releaseHeld() {
        for (Iterator<Map.Entry<TopicPartition, String>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, String> e = it.next();
            if (processor.mayRelease(e.getValue())) {
                log.info("campaign {} no longer paused: resuming {}", e.getValue(), e.getKey());
                consumer.resume(List.of(e.getKey()));
                it.remove();
            }
        }
    }

    /** Transactional mail must not wait behind campaign mail polled in the same batch. */
    private static List<ConsumerRecord<byte[], byte[]>> transactionalFirst(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> ordered = new ArrayList<>(records.count());
        for (String topic : TOPICS) {
            records.records(topic).forEach(ordered::add);
        }
        return ordered;
    }

    private void commitDurable() {
        PendingOffsets.Progress progress = pending.drain();
        for (PendingOffsets.Failure f : progress.failures()) {
            // The outcome is not durable: re-read the record (and what follows it) rather than lose it.
            log.error("write for {}@{} was not acknowledged; re-reading the partition from there", f.partition(),
                    f.offset(), f.cause());
            pending.forget(List.of(f.partition()));
            consumer.seek(f.partition(), f.offset());
        }
        if (!progress.committable().isEmpty()) {
            commit(progress.committable());
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // Typically a rebalance took the partitions; their next owner re-reads from the last commit.
            log.warn("commit of {} failed: {}", offsets, e.toString());
        }
    }

    /** Flushes outstanding writes and commits what they cover; waits at most {@code timeout} for the writes. */
    public void shutdown(Duration timeout) {
        stopping = true;
        flush(timeout);
        commitDurable();
        if (!pending.isEmpty()) {
            log.warn("{} records' outcomes were not acknowledged before shutdown; they will be processed again", pending.size());
        }
    }

    private void flush(Duration timeout) {
        // flush() has no timeout of its own; the grace period bounds it, producer.close() ends the rest.
        Thread flusher = new Thread(producer::flush, Thread.currentThread().getName() + "-flush");
        flusher.setDaemon(true);
        flusher.start();
        try {
            flusher.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Partitions currently held for a paused campaign. */
    public Map<TopicPartition, String> held() {
        return Map.copyOf(held);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Last chance to commit what we did on these partitions: wait for the acks first.
            producer.flush();
            commitDurable();
            pending.forget(partitions);
            partitions.forEach(held::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("assigned {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            pending.forget(partitions);
            partitions.forEach(held::remove);
        }
    }
}
