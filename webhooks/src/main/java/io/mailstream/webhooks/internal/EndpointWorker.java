package io.mailstream.webhooks.internal;

import io.mailstream.schemas.registry.SchemaRegistryException;
import io.mailstream.schemas.serde.WireFormatException;
import io.mailstream.webhooks.WebhooksException;
import io.mailstream.webhooks.batch.Batcher;
import io.mailstream.webhooks.config.EndpointConfig;
import io.mailstream.webhooks.deadletter.DeadLetterSink;
import io.mailstream.webhooks.event.EventJson;
import io.mailstream.webhooks.event.EventSource;
import io.mailstream.webhooks.event.EventSources;
import io.mailstream.webhooks.event.WebhookEvent;
import io.mailstream.webhooks.send.BatchSender;
import io.mailstream.webhooks.send.Pause;
import io.mailstream.webhooks.send.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's loop, on its own thread with its own consumer (group): read, map, filter, batch,
 * post (with retries, then dead letters), and only then commit. Being alone on its position, an
 * endpoint that is down holds only itself; being one thread, the batches of a partition leave in
 * order, so the events of a message (one partition: keyed by message id) arrive in order.
 */
public final class EndpointWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    private final EndpointConfig endpoint;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, EventSource> sources;
    private final DeadLetterSink deadLetters;
    private final EndpointMetrics metrics;
    private final Clock clock;
    private final Batcher batcher;
    private final BatchSender sender;
    private final ConsumerPause pause;
    /** Next offset per partition of every record read (posted or filtered out), not yet committed. */
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    private volatile boolean stopped;
    private volatile boolean idle;

    /** @param senderFactory builds the sender around this worker's pause (which keeps the consumer in its group) */
    public EndpointWorker(EndpointConfig endpoint, Consumer<byte[], byte[]> consumer, EventSources sources, DeadLetterSink deadLetters,
                          EndpointMetrics metrics, Clock clock, Function<Pause, BatchSender> senderFactory) {
        this.endpoint = endpoint;
        this.consumer = consumer;
        this.sources = sources.all().stream().filter(s -> endpoint.filter().acceptsAnyOf(s.types()))
                .collect(Collectors.toUnmodifiableMap(EventSource::topic, s -> s));
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.batcher = new Batcher(endpoint.batch());
        this.pause = new ConsumerPause(consumer, clock, () -> stopped);
        this.sender = senderFactory.apply(pause);
    }

    /** The topics this endpoint reads: only those whose events its filter can let through. */
    public Set<String> topics() {
        return sources.keySet();
    }

    @Override
    public void run() {
        consumer.subscribe(topics(), new Rebalance());
        try {
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(min(batcher.untilDue(clock.instant(), IDLE_POLL), IDLE_POLL));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    handle(r);
                }
                if (batcher.due(clock.instant())) {
                    flush();
                } else if (batcher.isEmpty() && !pending.isEmpty()) {
                    commit(Map.copyOf(pending)); // only filtered-out records since the last batch
                }
                updateLag();
            }
        } catch (WakeupException | InterruptedException e) {
            if (!stopped) {
                LOG.error("Webhook endpoint {} stopped unexpectedly", endpoint.name(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("Webhook endpoint {} failed; its worker stops (restart the service)", endpoint.name(), e);
            throw e;
        } finally {
            // an interrupt that ended a request must not also break the consumer's orderly leave of its group
            Thread.interrupted();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        Optional<WebhookEvent> event = decode(r);
        pending.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        if (event.isPresent() && endpoint.filter().matches(event.get())) {
            batcher.add(event.get(), clock.instant());
            if (batcher.full()) {
                flush();
            }
        }
    }

    private Optional<WebhookEvent> decode(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        EventSource source = sources.get(r.topic());
        while (true) {
            try {
                return source.toEvent(r);
            } catch (WireFormatException e) {
                // not ours to repair: the writer's dead-letter path owns corrupt records; count and go on
                LOG.warn("Webhook endpoint {}: skipped {}-{}@{}: {}", endpoint.name(), r.topic(), r.partition(), r.offset(), e.getMessage());
                metrics.skipped();
                return Optional.empty();
            } catch (SchemaRegistryException e) {
                if (!e.isTransient()) {
                    metrics.skipped();
                    LOG.warn("Webhook endpoint {}: skipped {}-{}@{}: {}", endpoint.name(), r.topic(), r.partition(), r.offset(), e.getMessage());
                    return Optional.empty();
                }
                LOG.warn("Webhook endpoint {}: schema registry unavailable ({}); retrying", endpoint.name(), e.getMessage());
                pause.pause(REGISTRY_RETRY);
            }
        }
    }

    private void flush() throws InterruptedException {
        // a batch out (perhaps retrying for hours) is work held: the loop that would recompute this is blocked in send
        idle = false;
        List<WebhookEvent> events = batcher.drain();
        Map<TopicPartition, Long> offsets = Map.copyOf(pending);
        byte[] body = EventJson.batch(events);
        SendOutcome outcome;
        try {
            outcome = sender.send(body, (attempt, reason, wait) -> metrics.retrying(events.size()));
        } finally {
            metrics.retrying(0);
        }
        switch (outcome) {
            case SendOutcome.Delivered d -> metrics.sent(events.size());
            case SendOutcome.GaveUp g -> {
                storeDeadLetters(events, g);
                metrics.failed(events.size());
            }
        }
        commit(offsets);
    }

    private void storeDeadLetters(List<WebhookEvent> events, SendOutcome.GaveUp why) throws InterruptedException {
        while (true) {
            try {
                pause.whilePolling(() -> {
                    deadLetters.write(endpoint.name(), events, why);
                    return null;
                });
                return;
            } catch (WebhooksException e) {
                // the offsets stay uncommitted until the dead letters are durable: nothing is lost, nothing moves on
                LOG.error("Webhook endpoint {}: {}; retrying", endpoint.name(), e.getMessage());
                pause.pause(REGISTRY_RETRY);
            }
        }
    }

    private void commit(Map<TopicPartition, Long> offsets) {
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, next) -> {
            if (owned.contains(tp)) {
                commit.put(tp, new OffsetAndMetadata(next));
            }
        });
        try {
            if (!commit.isEmpty()) {
                consumer.commitSync(commit);
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved while the batch was out: their new owner posts them again (at least once)
            LOG.warn("Webhook endpoint {}: commit refused after a rebalance ({}); the new owner redelivers", endpoint.name(), e.getMessage());
        }
        offsets.forEach((tp, next) -> pending.remove(tp, next));
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                total += l.getAsLong();
            }
        }
        metrics.lag(total);
        idle = batcher.isEmpty() && pending.isEmpty() && total == 0 && !consumer.assignment().isEmpty();
    }

    /** Nothing read and not yet committed, and no record left to read on the assigned partitions. */
    public boolean idle() {
        return idle;
    }

    /** Asks the loop to stop; it commits nothing more and closes its consumer. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // events of these partitions not yet posted are dropped here: the next owner reads them from the committed offset
            batcher.removeIf(e -> partitions.contains(new TopicPartition(e.topic(), e.partition())));
            pending.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            pause.onAssigned(partitions);
        }
    }
}
