package io.mailstream.producer.launch;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.ShardMap;
import io.mailstream.avro.Suppression;
import io.mailstream.producer.campaign.CampaignDefinition;
import io.mailstream.producer.campaign.CampaignFileException;
import io.mailstream.producer.campaign.CampaignFiles;
import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.sites.ShardMapMismatchException;
import io.mailstream.schemas.sites.ShardMapTopic;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.sites.ProviderSites;
import io.mailstream.schemas.sites.SiteResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches campaigns: validates the campaign file, publishes its {@code Campaign} record (state
 * SENDING) to {@code mail.campaigns}, then one {@code MailMessage} per valid unique recipient to
 * {@code mail.outbound}, keyed by routing key. Rejected and duplicate rows go to the rejects file.
 * A launch returns only when Kafka acknowledged every event, or throws {@link LaunchException}
 * saying how far it got. Relaunching publishes the same message ids.
 *
 * <pre>{@code
 * try (CampaignLauncher launcher = CampaignLauncher.connect(
 *         LaunchConfig.of(bootstrapServers, registry).withRecipients(generatedCsv))) {
 *     LaunchSummary summary = launcher.launch(Path.of("examples/welcome/campaign.yaml"));
 * }
 * }</pre>
 */
public final class CampaignLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignLauncher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final boolean ownsProducer;
    private final LaunchConfig config;
    private final Clock clock;
    private final Progress progress;
    private static final Duration SUPPRESSIONS_READ_TIMEOUT = Duration.ofMinutes(10);
    private final SchemaRegistry registry;
    private final AvroSerializer<Campaign> campaignSerializer;
    private final AvroSerializer<MailMessage> messageSerializer;
    /** Writes the campaign record with compare-and-set; empty for {@link #using} (the record is then just sent). */
    private final Optional<CampaignStateChanger> campaigns;
    /** Reads the fleet's shard map ({@code mail.shard-map}); empty for {@link #using} launchers (no cluster to read). */
    private Optional<Supplier<Optional<DomainShards>>> shardMap = Optional.empty();

    private CampaignLauncher(Producer<String, byte[]> producer, boolean ownsProducer, SchemaRegistry registry,
                             LaunchConfig config, Clock clock, Progress progress, Optional<CampaignStateChanger> campaigns) {
        this.producer = producer;
        this.campaigns = campaigns;
        this.ownsProducer = ownsProducer;
        this.config = config;
        this.clock = clock;
        this.progress = progress;
        this.registry = registry;
        this.campaignSerializer = AvroSerde.forValue(Campaign.class, registry).serializer();
        this.messageSerializer = AvroSerde.forValue(MailMessage.class, registry).serializer();
    }

    /** A launcher with its own Kafka producer, the system clock and {@link Progress#auto} reporting. */
    public static CampaignLauncher connect(LaunchConfig config) {
        return connect(config, Clock.systemUTC(), Progress.auto(Duration.ofSeconds(10)));
    }

    public static CampaignLauncher connect(LaunchConfig config, Clock clock, Progress progress) {
        SchemaRegistry registry = config.cluster().registry().connect();
        Producer<String, byte[]> producer = KafkaClients.producer(config.cluster(), "mailstream-campaign-launcher");
        CampaignLauncher launcher = new CampaignLauncher(producer, true, registry, config, clock, progress,
                Optional.of(CampaignStateChanger.connect(config.cluster(), clock)));
        launcher.shardMap = Optional.of(() -> readShardMap(config, registry));
        return launcher;
    }

    /** Bounded by the cluster's {@code max.block.ms}, like every other first contact of a launch. */
    private static Optional<DomainShards> readShardMap(LaunchConfig config, SchemaRegistry registry) {
        Duration timeout = config.cluster().tuning().maxBlock();
        try (Consumer<String, byte[]> consumer = KafkaClients.consumer(config.cluster(), "mailstream-launch-shard-map")) {
            return ShardMapTopic.readLatest(consumer, AvroSerde.forValue(ShardMap.class, registry).deserializer(), timeout);
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            throw new IllegalStateException("could not read the fleet's shard map (" + Topics.SHARD_MAP + ") from "
                    + config.cluster().kafka().bootstrapServers() + " within " + timeout.toMillis() + " ms: " + e.getMessage(), e);
        }
    }

    /**
     * The campaign routed with the fleet's shard map: the map when the file names no shards, the
     * file's when no map was applied; a file whose shards differ from the map is refused before
     * anything is published.
     */
    private CampaignDefinition withFleetShards(CampaignDefinition definition) {
        if (shardMap.isEmpty()) {
            return definition;
        }
        Optional<DomainShards> published;
        try {
            published = shardMap.get().get();
        } catch (IllegalStateException e) {
            throw new LaunchException(definition.id(), e.getMessage(), 0, 0, 0, e);
        }
        try {
            return definition.withShards(ShardMapTopic.reconcile("campaign " + definition.id() + " ("
                    + definition.file().getFileName() + ")", definition.shards(), published));
        } catch (ShardMapMismatchException e) {
            throw new LaunchException(definition.id(), e.getMessage(), 0, 0, 0, e);
        }
    }

    /**
     * A launcher over a producer the caller owns (and closes), e.g. Kafka's {@code MockProducer} in
     * tests. {@code config.cluster()} is used only for its timeouts. Without a reader of
     * {@code mail.campaigns}, the campaign record is sent as SENDING without the compare-and-set (a
     * cancelled campaign is not refused): for tests and benches of the recipient path only.
     */
    public static CampaignLauncher using(Producer<String, byte[]> producer, SchemaRegistry registry, LaunchConfig config,
                                         Clock clock, Progress progress) {
        return new CampaignLauncher(producer, false, registry, config, clock, progress, Optional.empty());
    }

    /** As {@link #using(Producer, SchemaRegistry, LaunchConfig, Clock, Progress)}, writing the campaign record through {@code campaigns}. */
    public static CampaignLauncher using(Producer<String, byte[]> producer, CampaignStateChanger campaigns,
                                         SchemaRegistry registry, LaunchConfig config, Clock clock, Progress progress) {
        return new CampaignLauncher(producer, false, registry, config, clock, progress, Optional.of(campaigns));
    }

    /**
     * Loads, validates and launches {@code campaignFile}, with the recipients override and version of
     * this launcher's {@link LaunchConfig}.
     *
     * @throws CampaignFileException if the file is invalid (nothing is published)
     * @throws LaunchException       if publishing fails part-way
     */
    public LaunchSummary launch(Path campaignFile) {
        return launch(CampaignFiles.load(campaignFile, config.recipientsOverride()));
    }

    /**
     * As {@link #launch(Path)}, routing recipients with {@code sites} instead of the provider table (and
     * {@code --mx-lookup}): for benches whose stand-in providers have reserved names. The caller closes it.
     */
    public LaunchSummary launch(Path campaignFile, SiteResolver sites) {
        return launch(CampaignFiles.load(campaignFile, config.recipientsOverride()), Optional.of(sites));
    }

    /** Launches an already loaded campaign (the config's recipients override does not apply; its version does). */
    public LaunchSummary launch(CampaignDefinition loaded) {
        return launch(loaded, Optional.empty());
    }

    private LaunchSummary launch(CampaignDefinition loaded, Optional<SiteResolver> sitesGiven) {
        CampaignDefinition versioned = config.version().isPresent() ? loaded.withVersion(config.version().getAsInt()) : loaded;
        registerSchemas(versioned.id());
        CampaignDefinition definition = withFleetShards(versioned);
        String id = definition.id();
        Path rejectsFile = config.rejectsFileFor(id);
        LOG.info("launching campaign {} v{} from {} to {}", id, definition.version(), definition.recipients().path(),
                Topics.OUTBOUND);
        boolean continued = publishCampaign(definition);
        Optional<SuppressedAddresses> suppressed = config.skipSuppressed() ? Optional.of(readSuppressions(definition))
                : Optional.empty();
        SiteResolver sites = sitesGiven.orElseGet(() -> config.mxLookup()
                .map(m -> new SiteResolver(ProviderSites.builtIn(), new DnsMxLookup(m), m.timeout()))
                .orElseGet(SiteResolver::providersOnly));
        LaunchRun run = new LaunchRun(definition, producer, messageSerializer, clock, progress, config.duplicateWindow(),
                suppressed, sites);
        try (AutoCloseable lookups = sites == SiteResolver.providersOnly() || sitesGiven.isPresent() ? () -> { } : sites) {
            LaunchSummary summary = run.run(rejectsFile);
            if (sites.fallbacks() > 0) {
                LOG.warn("{} recipient domains were routed by themselves, not by their MX hosts: their lookups failed "
                        + "(first {}); their budgets are their own, not their provider's", sites.fallbacks(), sites.firstFallback().orElse(""));
            }
            summary = continued ? summary.asContinued() : summary;
            recordLaunched(summary);
            LOG.info("launched {}", summary.describe());
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(id, "interrupted", run.rowsRead(), run.published(), run.acknowledged(), e);
        } catch (Exception e) {
            throw new LaunchException(id, reason(e), run.rowsRead(), run.published(), run.acknowledged(), e);
        }
    }

    /** {@code --skip-suppressed}: the whole topic, read before the first event is published. */
    private SuppressedAddresses readSuppressions(CampaignDefinition definition) {
        try (Consumer<String, byte[]> consumer = KafkaClients.consumer(config.cluster(), "mailstream-launch-suppressions")) {
            SuppressedAddresses s = SuppressedAddresses.read(consumer, AvroSerde.forValue(Suppression.class, registry),
                    definition.listId(), clock.instant(), SUPPRESSIONS_READ_TIMEOUT);
            LOG.info("read {}: {} addresses suppressed at some point; those still suppressed for list {} are skipped",
                    Topics.SUPPRESSIONS, s.size(), definition.listId().orElse("(none)"));
            return s;
        } catch (RuntimeException e) {
            throw new LaunchException(definition.id(), "could not read " + Topics.SUPPRESSIONS + " for --skip-suppressed: "
                    + e.getMessage(), 0, 0, 0, e);
        }
    }

    /**
     * Tells the campaign record how many messages the campaign has, so that its completion can be
     * judged. A failure here leaves every event published; the campaign is then not marked DONE
     * until a relaunch records the count.
     */
    private void recordLaunched(LaunchSummary summary) {
        if (campaigns.isEmpty()) {
            return;
        }
        try {
            boolean written;
            try {
                written = campaigns.get().recordLaunched(summary.campaignId(), summary.uniqueRecipients());
            } catch (StateMovedException raced) {
                // a pause or resume committed between the read and the write: the count is still true, on top of it
                written = campaigns.get().recordLaunched(summary.campaignId(), summary.uniqueRecipients());
            }
            if (!written) {
                LOG.info("campaign {} became final during the launch; its message count is not recorded", summary.campaignId());
            }
        } catch (StateChangeException | StateMovedException e) {
            throw new LaunchException(summary.campaignId(), "every event was published, but recording the campaign's "
                    + summary.uniqueRecipients() + " messages failed (relaunch to record it; nobody is mailed twice): "
                    + e.getMessage(), summary.rowsRead(), summary.published(), summary.published(), e);
        }
    }

    private void registerSchemas(String id) {
        try {
            campaignSerializer.schemaIdFor(Topics.CAMPAIGNS);
            messageSerializer.schemaIdFor(Topics.OUTBOUND);
        } catch (MailstreamException e) {
            throw new LaunchException(id, "schema registry " + config.cluster().registry().describe()
                    + " did not register the schemas: " + e.getMessage(), 0, 0, 0, e);
        }
    }

    /**
     * @return true when the campaign existed and this launch continues it
     * @throws InvalidStateChangeException if the campaign is CANCELLED or DONE (nothing is published)
     */
    private boolean publishCampaign(CampaignDefinition definition) {
        Campaign campaign = CampaignRecords.campaign(definition, CampaignState.SENDING, Instant.now(clock));
        if (campaigns.isPresent()) {
            try {
                LaunchStart start = campaigns.get().launch(campaign);
                LOG.info("{}", start.describe());
                return start.continued();
            } catch (StateChangeException | StateMovedException e) {
                throw new LaunchException(definition.id(), "the campaign record was not acknowledged by Kafka at "
                        + config.cluster().kafka().bootstrapServers() + ": " + e.getMessage(), 0, 0, 0, e);
            }
        }
        byte[] value = campaignSerializer.serialize(Topics.CAMPAIGNS, campaign);
        ProducerTuning tuning = config.cluster().tuning();
        long waitMillis = tuning.maxBlock().plus(tuning.deliveryTimeout()).toMillis();
        try {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, definition.id(), value)).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(definition.id(), "interrupted while publishing the campaign record", 0, 0, 0, e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new LaunchException(definition.id(), "the campaign record was not acknowledged by Kafka at "
                    + config.cluster().kafka().bootstrapServers() + ": " + reason(e), 0, 0, 0, e);
        }
        return false;
    }

    static String reason(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String hint = t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof TimeoutException
                ? " (is the broker running and reachable?)" : "";
        return t.getClass().getSimpleName() + ": " + t.getMessage() + hint;
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(CLOSE_TIMEOUT);
            campaigns.ifPresent(CampaignStateChanger::close);
        }
    }
}
