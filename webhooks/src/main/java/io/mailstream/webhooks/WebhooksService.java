package io.mailstream.webhooks;

import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import io.mailstream.webhooks.config.EndpointConfig;
import io.mailstream.webhooks.config.WebhooksConfig;
import io.mailstream.webhooks.deadletter.KafkaDeadLetterSink;
import io.mailstream.webhooks.event.EventSources;
import io.mailstream.webhooks.internal.EndpointMetrics;
import io.mailstream.webhooks.internal.EndpointWorker;
import io.mailstream.webhooks.send.Backoff;
import io.mailstream.webhooks.send.BatchSender;
import io.mailstream.webhooks.send.HttpEndpointClient;
import io.mailstream.webhooks.sign.WebhookSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running webhooks service: one {@link EndpointWorker} thread and consumer group per endpoint,
 * one dead-letter producer. Start more instances with the same configuration to share the partitions
 * of each endpoint's group.
 */
public final class WebhooksService implements AutoCloseable, ServiceHealth {
    private static final Logger LOG = LoggerFactory.getLogger(WebhooksService.class);

    private final List<EndpointWorker> workers;
    private final List<Thread> threads;
    private final KafkaProducer<byte[], byte[]> producer;

    private WebhooksService(List<EndpointWorker> workers, List<Thread> threads, KafkaProducer<byte[], byte[]> producer) {
        this.workers = workers;
        this.threads = threads;
        this.producer = producer;
    }

    public static WebhooksService start(WebhooksConfig config, KafkaConnection kafka, SchemaRegistry registry, MeterRegistry meters,
                                        Clock clock) {
        EventSources sources = EventSources.defaults(registry);
        Map<Object, Object> producerProps = new LinkedHashMap<>();
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupPrefix() + "-dead-letters");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.merge(producerProps));
        KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(producer);
        List<EndpointWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (EndpointConfig e : config.endpoints()) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.merge(consumerProps(config, e)));
            HttpClient http = HttpEndpointClient.defaultClient(e.retry().requestTimeout());
            WebhookSigner signer = new WebhookSigner(e.key());
            Backoff backoff = new Backoff(e.retry(), () -> ThreadLocalRandom.current().nextDouble());
            EndpointWorker worker = new EndpointWorker(e, consumer, sources, deadLetters, new EndpointMetrics(meters, e.name()), clock,
                    pause -> new BatchSender(e.name(), new HttpEndpointClient(http, e.url(), e.retry().requestTimeout(), clock), signer,
                            backoff, e.retry(), clock, pause));
            Thread t = Thread.ofPlatform().name("webhooks-" + e.name()).unstarted(worker);
            workers.add(worker);
            threads.add(t);
            LOG.info("Webhook endpoint {} ({}) reads {} as group {}", e.name(), e.url(), worker.topics(), config.groupOf(e));
        }
        threads.forEach(Thread::start);
        return new WebhooksService(List.copyOf(workers), List.copyOf(threads), producer);
    }

    private static Map<Object, Object> consumerProps(WebhooksConfig config, EndpointConfig e) {
        Map<Object, Object> p = new LinkedHashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupOf(e));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupOf(e));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, e.startFrom());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(500, e.batch().maxEvents())));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Every endpoint has posted (or dead-lettered) and committed all it read, and has nothing left to read. */
    public boolean idle() {
        return workers.stream().allMatch(EndpointWorker::idle);
    }

    @Override
    public HealthReport liveness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        for (Thread t : threads) {
            checks.put(t.getName(), t.isAlive());
        }
        return HealthReport.of(checks);
    }

    @Override
    public HealthReport readiness() {
        return liveness();
    }

    @Override
    public void close() {
        workers.forEach(EndpointWorker::stop);
        try {
            for (Thread t : threads) {
                if (!t.join(Duration.ofSeconds(2))) {
                    t.interrupt(); // an HTTP request in progress ends now; its batch is posted again after a restart
                    t.join(Duration.ofSeconds(10));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
