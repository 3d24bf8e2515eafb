package io.mailstream.producer.api;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialises {@code mail.delivery-events} into the latest event per message id, for
 * {@code GET /v1/messages/{id}}. Reads every partition from the beginning on its own thread,
 * without a consumer group (each API instance keeps its own view). The map is bounded: the least
 * recently touched ids are forgotten first, so memory does not grow with the topic.
 */
public final class DeliveryStatusView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryStatusView.class);

    private final Consumer<String, byte[]> consumer;
    private final AvroSerde<DeliveryEvent> serde;
    private final Map<String, MessageStatus> latest;
    private final Thread thread;
    private volatile boolean running = true;

    public DeliveryStatusView(Consumer<String, byte[]> consumer, SchemaRegistry registry, int capacity) {
        this.consumer = consumer;
        this.serde = AvroSerde.forValue(DeliveryEvent.class, registry);
        this.latest = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MessageStatus> eldest) {
                return size() > capacity;
            }
        };
        this.thread = new Thread(this::run, "mailstream-api-status");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    /** True while the follower thread reads delivery events (false before start, after close or a fatal error). */
    public boolean isFollowing() {
        return running && thread.isAlive();
    }

    /** Remembers a message this API accepted, so it is found before any dispatcher reports on it. */
    public void accepted(String messageId) {
        synchronized (latest) {
            latest.putIfAbsent(messageId, MessageStatus.accepted(messageId));
        }
    }

    public Optional<MessageStatus> find(String messageId) {
        synchronized (latest) {
            return Optional.ofNullable(latest.get(messageId));
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("delivery status view stopped unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("delivery status view stopped: GET /v1/messages answers from what it had read", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        DeliveryEvent e;
        try {
            e = serde.decode(r);
        } catch (CorruptRecordException ex) {
            log.warn("skipping undecodable delivery event: {}", ex.getMessage());
            return;
        }
        // Events of one message share a key, hence a partition, so the last one read is the latest.
        synchronized (latest) {
            latest.put(e.getMessageId(), new MessageStatus(e.getMessageId(), Optional.of(e)));
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
