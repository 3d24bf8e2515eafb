package io.mailstream.dispatcher.support;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.throttle.ThrottleState;
import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.RoutingKey;
import io.mailstream.schemas.address.Site;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The fleet of the site-budget ITs, on one embedded stack: dispatchers of one consumer group
 * delivering one site ({@code google}, 4 shards) of many domains to a receiving sink that records
 * each transaction (start, end, the sender's EHLO name), and the measures taken on what the sink saw.
 * Each test gets its own group, which starts at the end of the mail topics so earlier tests' records
 * (and their retries) are not delivered again, and names its own policy, so the fleet's adaptive state
 * ({@code <policy>|site:google} in {@code mail.throttle-state}) of one test is not another's.
 */
public final class SiteFleet {
    public static final Site SITE = Site.of("google");

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final SchemaRegistry registry;
    private final String group;
    private final String campaign;
    private final DomainShards shards;
    private int consumedPartitions = -1;

    /** @param shards the site's shard count: the shards' partitions decide which dispatchers of the group send */
    public SiteFleet(String bootstrapServers, String schemaRegistryUrl, String group, int shards) {
        this.shards = DomainShards.parse("site:" + SITE.name() + "=" + shards);
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(schemaRegistryUrl));
        this.group = group;
        this.campaign = group;
    }

    /**
     * A dispatcher config of the fleet sending to {@code sink}; {@code pacing} holds the policy for the site
     * (e.g. {@link #sitePolicy}) and any {@code aimd.*} settings.
     */
    public DispatcherConfig.Builder config(SmtpSink sink, Map<String, String> pacing) {
        Map<String, String> props = new HashMap<>(pacing);
        props.put("domain-shards", shards.asSpec());
        return DispatcherConfig.builder()
                .bootstrapServers(bootstrapServers)
                .schemaRegistryUrl(schemaRegistryUrl)
                .smtpHost(sink.host())
                .smtpPort(sink.port())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId(group)
                .pollTimeout(Duration.ofMillis(100))
                // a close first waits up to a quarter of this for buffered mail to leave: here that mail waits for a budget
                // (an hour's, a day's) that no close will see reopen; the hour's hand-over a close writes (on revocation)
                // then has a quarter, 1 s, to reach the local broker
                .shutdownGracePeriod(Duration.ofSeconds(4))
                // 4 shards x 8 workers each could open 32 transactions at once: only the pacing keeps them at the policy's value
                .engine(DeliverySettings.defaults().withEngine(EngineSettings.forWorkers(32, 8)))
                .pacing(PacingProperties.parse(props));
    }

    /** The pacing properties of a policy {@code name} for the site: {@code perSecond} msg/s and {@code connections} in total. */
    public static Map<String, String> sitePolicy(String name, int perSecond, int connections) {
        return Map.of("policy." + name + ".sites", SITE.name(),
                "policy." + name + ".max-per-second", String.valueOf(perSecond),
                "policy." + name + ".max-connections", String.valueOf(connections));
    }

    /** Dispatcher {@code id} of the fleet; its EHLO name is {@code <id>.fleet.test}, so the sink tells who sent what. */
    public Dispatcher dispatcher(DispatcherConfig.Builder config, String id) {
        return Dispatcher.create(config.dispatcherId(id).ehloName(ehloOf(id)).build(), registry);
    }

    public static String ehloOf(String dispatcherId) {
        return dispatcherId + ".fleet.test";
    }

    /** Sets the group's position to the end of every mail topic it consumes: it delivers only what is published next. */
    public void startGroupAtTheEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.equals(Topics.OUTBOUND) || t.equals(Topics.TRANSACTIONAL) || t.startsWith(Topics.RETRY_PREFIX))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                    d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
            consumedPartitions = ends.size();
        }
    }

    /**
     * Starts {@code dispatchers} and waits until the group is stable: each owns partitions and together they
     * own all. Mail published then is not moved by a rebalance, whose new owner starts with fresh limiters.
     */
    public void startAndAwaitAssignment(List<Dispatcher> dispatchers) {
        if (consumedPartitions < 0) {
            throw new IllegalStateException("call startGroupAtTheEnd first: it counts the partitions the group consumes");
        }
        // together: each start reads the tables first (seconds), and the group then settles in one rebalance, not one per member
        together(dispatchers, Dispatcher::start);
        Awaitility.await("every partition assigned, to every dispatcher").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    List<Integer> assigned = dispatchers.stream().map(SiteFleet::assigned).toList();
                    return assigned.stream().allMatch(n -> n > 0)
                            && assigned.stream().mapToInt(Integer::intValue).sum() == consumedPartitions;
                });
    }

    /**
     * Closes {@code dispatchers} together: one by one, each close would hand its partitions to the others
     * in a rebalance (and each of them wait for it) before the next one leaves.
     */
    public void closeTogether(List<Dispatcher> dispatchers) {
        together(dispatchers, Dispatcher::close);
    }

    private static void together(List<Dispatcher> dispatchers, java.util.function.Consumer<Dispatcher> action) {
        try (ExecutorService each = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("site-fleet-", 1).factory())) {
            List<Future<?>> done = dispatchers.stream().<Future<?>>map(d -> each.submit(() -> action.accept(d))).toList();
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int assigned(Dispatcher d) {
        return Integer.parseInt(d.health().readiness().details().getOrDefault("assignedPartitions", "0"));
    }

    /** Publishes the campaign record (once) and then {@code count} messages to domains {@code <prefix><i % domains>.example} of the site. */
    public List<EmailAddress> publish(String prefix, int count, int domains) throws Exception {
        List<EmailAddress> to = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            to.add(EmailAddress.parse("user" + i + "@" + prefix + (i % domains) + ".example"));
        }
        publish(to);
        return to;
    }

    /** Publishes one message to each address, routed to the site. */
    public void publish(List<EmailAddress> recipients) throws Exception {
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(campaign), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(campaign).build()))).get();
            List<Future<?>> acks = new ArrayList<>();
            int i = 0;
            for (EmailAddress to : recipients) {
                String key = RoutingKey.of(to, SITE, shards).asString();
                MailMessage m = Fixtures.campaignMessage(campaign, to.asString(), Map.of("name", "U" + i++))
                        .setRoutingKey(key).setCreatedAt(Instant.now()).build();
                acks.add(producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(key), messages.serializer().serialize(Topics.OUTBOUND, m))));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    /** The site's adaptive state on {@code dispatcher} under {@code policy}, if it is slowed down or suspended there. */
    public static Optional<ThrottleState> siteState(Dispatcher dispatcher, String policy) {
        return dispatcher.throttleStates().snapshot().stream()
                .filter(s -> s.policy().equals(policy) && s.domain().equals(SITE.asKey())).findFirst();
    }

    /** The accepted transactions, by start. */
    public static List<SinkTransaction> accepted(List<SinkTransaction> transactions) {
        return transactions.stream().filter(SinkTransaction::accepted).sorted(Comparator.comparing(SinkTransaction::started)).toList();
    }

    /** The most transactions started within any {@code window}, over transactions sorted by start. */
    public static int maxStartedPerWindow(List<SinkTransaction> sorted, Duration window) {
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (j < sorted.size() && sorted.get(j).started().isBefore(sorted.get(i).started().plus(window))) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    /** The most transactions open at once. */
    public static int maxConcurrent(List<SinkTransaction> transactions) {
        List<long[]> edges = new ArrayList<>();
        for (SinkTransaction t : transactions) {
            edges.add(new long[] {micros(t.started()), +1});
            edges.add(new long[] {micros(t.ended()), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])); // an end before a start at the same instant
        int open = 0;
        int max = 0;
        for (long[] e : edges) {
            open += (int) e[1];
            max = Math.max(max, open);
        }
        return max;
    }

    /** Messages per second from the first start to the last. */
    public static double rate(List<SinkTransaction> sorted) {
        double seconds = Duration.between(sorted.getFirst().started(), sorted.getLast().started()).toMillis() / 1000.0;
        return (sorted.size() - 1) / seconds;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
