package io.mailstream.cli.demo;

import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.webhooks.WebhooksService;
import io.mailstream.webhooks.config.BatchConfig;
import io.mailstream.webhooks.config.EndpointConfig;
import io.mailstream.webhooks.config.EndpointFilter;
import io.mailstream.webhooks.config.RetryConfig;
import io.mailstream.webhooks.config.SigningKey;
import io.mailstream.webhooks.config.WebhooksConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code demo --webhook URL}: the webhooks service with one endpoint receiving every event of the run
 * (delivery outcomes, bounces, unsubscribes), and the wait until it has posted all of them.
 */
final class DemoWebhook implements AutoCloseable {
    static final String ENDPOINT = "demo";
    static final String KEY_ID = "demo";

    private final URI url;
    private final WebhooksConfig config;
    private final WebhooksService service;
    private final SimpleMeterRegistry meters;

    private DemoWebhook(URI url, WebhooksConfig config, WebhooksService service, SimpleMeterRegistry meters) {
        this.url = url;
        this.config = config;
        this.service = service;
        this.meters = meters;
    }

    /** A random secret for runs that give none: printed once so the receiver can check the signatures. */
    static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** @throws IllegalArgumentException for a URL that is not absolute http(s), or a secret under 16 bytes */
    static DemoWebhook start(String url, String secret, KafkaConnection kafka, SchemaRegistry registry) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("--webhook must be an absolute http(s) URL, was '" + url + "'");
        }
        SigningKey key;
        try {
            key = new SigningKey(KEY_ID, secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--webhook-secret: " + e.getMessage(), e);
        }
        EndpointConfig endpoint = new EndpointConfig(ENDPOINT, uri, key, EndpointFilter.ALL, BatchConfig.DEFAULTS, RetryConfig.DEFAULTS,
                "earliest");
        WebhooksConfig config = new WebhooksConfig(WebhooksConfig.DEFAULT_GROUP_PREFIX, List.of(endpoint));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new DemoWebhook(uri, config, WebhooksService.start(config, kafka, registry, meters, Clock.systemUTC()), meters);
    }

    /**
     * Waits until the endpoint's group has committed every record of the source topics written so far:
     * each event was accepted or dead-lettered. False on timeout.
     */
    boolean awaitPosted(KafkaConnection admin, Duration timeout) throws InterruptedException {
        String group = config.groupOf(config.endpoints().getFirst());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin a = Admin.create(admin.merge())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription d : a.describeTopics(List.of(Topics.DELIVERY_EVENTS, Topics.SUPPRESSIONS)).allTopicNames().get().values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            a.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()))) {
                    return true;
                }
                Thread.sleep(200); // polling another process's progress: there is nothing to be notified by
            }
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the webhook group's progress: " + e.getCause(), e.getCause());
        }
    }

    /** One line for the summary. */
    String describe() {
        double sent = meters.get("mailstream.webhooks.events.sent").counter().count();
        double failed = meters.get("mailstream.webhooks.events.failed").counter().count();
        return String.format("webhook: %d events posted to %s (signed with key id %s), %d dead-lettered", (long) sent, url, KEY_ID,
                (long) failed);
    }

    @Override
    public void close() {
        service.close();
    }
}
