package io.mailstream.tracking.events;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes engagement events to {@code mail.engagement}, keyed by message id (so one message's events
 * stay in order), with an idempotent producer. The send is asynchronous: a person's redirect never
 * waits for Kafka, and an event the broker refuses after the producer's own retries (delivery
 * timeout) is counted and logged, not retried by us: a lost click costs a statistic, a slow
 * redirect costs the reader.
 */
public final class KafkaEngagementSink implements EngagementSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEngagementSink.class);
    /** The longest a redirect waits for the producer to take its event. */
    public static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    private final KafkaProducer<String, EngagementEvent> producer;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong published = new AtomicLong();

    public KafkaEngagementSink(KafkaConnection kafka, SchemaRegistry registry) {
        Map<String, Object> owned = Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "mailstream-tracking",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                // clicks come one by one: a few ms of linger turns them into batches under load
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis(),
                // send() blocks while the topic's metadata is unknown or the buffer is full (a broker outage):
                // bounded, so a redirect waits at most this long before its event is given up
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        this.producer = new KafkaProducer<>(kafka.merge(owned), new StringSerializer(),
                new AvroSerializer<>(registry, EngagementEvent.getClassSchema(), false));
    }

    @Override
    public void publish(EngagementEvent event) {
        published.incrementAndGet();
        try {
            producer.send(new ProducerRecord<>(Topics.ENGAGEMENT, event.getMessageId(), event), (md, e) -> {
                if (e == null) {
                    sent.incrementAndGet();
                } else {
                    lost(event, e);
                }
            });
        } catch (KafkaException e) {
            lost(event, e); // MAX_BLOCK passed, or the producer is closed: the redirect goes on without its event
        }
    }

    private void lost(EngagementEvent event, Exception e) {
        if (failed.getAndIncrement() % 1000 == 0) {
            // once per thousand: a broker outage must not flood the log
            LOG.warn("engagement events are being lost ({} so far), e.g. {} of message {}: {}",
                    failed.get(), event.getKind(), event.getMessageId(), e.toString());
        }
    }

    /** Events the broker acknowledged. */
    public long sent() {
        return sent.get();
    }

    /** Events lost after the producer's retries. */
    public long failed() {
        return failed.get();
    }

    /** Waits up to 10 s for events still in flight; at once when none is (an idempotent producer facing no broker would wait it out). */
    @Override
    public void close() {
        boolean pending = published.get() > sent.get() + failed.get();
        producer.close(pending ? Duration.ofSeconds(10) : Duration.ZERO);
    }
}
