package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.render.TrackingSettings;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.consume.UnknownSchemaPolicy;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.ledger.LedgerSettings;
import io.mailstream.dispatcher.ledger.SentLedgerSettings;
import io.mailstream.dispatcher.suppress.SuppressionStoreSettings;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.sending.SendingPool;
import io.mailstream.dispatcher.sending.SourceSelection;
import io.mailstream.dispatcher.smtp.SmtpCredentials;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.dispatcher.tls.report.TlsRptSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConfigException;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a dispatcher needs, read once and validated: an invalid value fails construction
 * with an {@link InvalidConfigException} naming its key (the keys are listed in the module README).
 * Kafka client properties are derived from it in {@link KafkaClientProperties}, nowhere else.
 *
 * @param kafka                 {@code bootstrap.servers} (Kafka brokers, {@code host:port[,host:port]}) and the
 *                              user's client settings from {@code --kafka-config} (TLS, SASL ...)
 * @param schemaRegistry        {@code schema.registry.url}: Confluent-compatible registry
 * @param groupId               {@code group.id}: consumer group shared by all dispatchers
 * @param dispatcherId          {@code dispatcher.id}: written into every DeliveryEvent
 * @param smtp                  {@code smtp.*}: where and how mail is handed over
 * @param bounceDomain          {@code bounce.domain}: domain of the VERP return path
 * @param verpKeys              {@code verp.keys} (a file, or {@code MAILSTREAM_VERP_KEYS}): keys of the signed return path, the first signs
 * @param maxPollRecords        {@code max.poll.records}: records per poll batch
 * @param pollTimeout           {@code poll.timeout}: how long one poll waits for records
 * @param shutdownGracePeriod   {@code shutdown.grace-period}: how long close() may take
 * @param startupCatchUpTimeout {@code startup.catch-up-timeout}: how long start() waits for the campaign and suppression tables
 * @param campaignWaitTimeout   {@code campaign.wait-timeout}: how long a message waits for an unseen campaign version before it is rejected
 * @param unsubscribeBaseUrl    {@code unsubscribe.base-url}: public https base of the bounce processor's one-click pages;
 *                              campaign mail then carries {@code List-Unsubscribe: <base/u/<signed token>>} (empty: none)
 * @param tableMaxLag           {@code tables.max-lag}: how far behind its topic the campaign or suppression table may be before
 *                              the dispatcher turns not-ready and holds its mail (fail closed)
 * @param delivery              {@code delivery.mode}, {@code smtp.tls*}, {@code smtp.auth.*}, {@code direct.*}, {@code dns.*},
 *                              {@code route.<domain>}, {@code dkim.<domain>.*}, {@code sending-pools.*}, {@code circuit.*}:
 *                              routing, TLS, AUTH, DKIM, source addresses and circuit breakers
 * @param engine                {@code delivery.*}, {@code pool.*}, {@code buffer.*}, {@code retry.*}: the consume engine (see {@link DeliverySettings})
 * @param pacing                {@code policy.*}, {@code warmup.*}, {@code aimd.*}, {@code domain-shards}:
 *                              throttling, warm-up and adaptive backoff (see {@link PacingConfig})
 * @param ledger                {@code ledger.lookback*}, {@code ledger.read-timeout}, {@code ledger.max-entries}: how far back a new
 *                              partition owner reads delivery events (see {@link LedgerSettings})
 * @param sentLedger            {@code ledger.horizon}, {@code ledger.state-dir}: the durable sent-ledger keyed by message id
 *                              (see {@link SentLedgerSettings})
 * @param unknownSchemas        {@code decode.unknown-schema-wait}: how long a record whose schema id the registry does not
 *                              know is read again before it is dead-lettered (see {@link UnknownSchemaPolicy})
 * @param suppressions          {@code suppressions.state-dir}, {@code suppressions.unsubscribe-scope}: the local
 *                              suppression store (see {@link SuppressionStoreSettings})
 * @param tlsRpt                {@code tls-rpt.enabled}, {@code tls-rpt.flush-interval}: TLS-RPT session counting and how
 *                              often the counts go to {@code mail.tls-reports} (see {@link TlsRptSettings})
 * @param tracking              {@code tracking.base-url}, {@code tracking.tenants-off}: click and open tracking of campaign
 *                              mail (see {@link TrackingSettings}); off without a base URL
 */
public record DispatcherConfig(
        KafkaConnection kafka,
        SchemaRegistryConfig schemaRegistry,
        String groupId,
        String dispatcherId,
        SmtpSettings smtp,
        Domain bounceDomain,
        VerpKeys verpKeys,
        int maxPollRecords,
        Duration pollTimeout,
        Duration shutdownGracePeriod,
        Duration startupCatchUpTimeout,
        Duration campaignWaitTimeout,
        Duration tableMaxLag,
        Optional<URI> unsubscribeBaseUrl,
        DeliveryConfig delivery,
        DeliverySettings engine,
        PacingConfig pacing,
        LedgerSettings ledger,
        SentLedgerSettings sentLedger,
        UnknownSchemaPolicy unknownSchemas,
        SuppressionStoreSettings suppressions,
        TlsRptSettings tlsRpt,
        TrackingSettings tracking) {

    public static final String DEFAULT_GROUP_ID = "mailstream-dispatcher";
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STARTUP_CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CAMPAIGN_WAIT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TABLE_MAX_LAG = Duration.ofSeconds(30);

    public DispatcherConfig {
        if (kafka == null) {
            throw new InvalidConfigException("bootstrap.servers", "is required (e.g. localhost:9092)");
        }
        if (schemaRegistry == null) {
            throw new InvalidConfigException("schema.registry.url", "is required (e.g. http://localhost:8081)");
        }
        requireName("group.id", groupId);
        requireName("dispatcher.id", dispatcherId);
        if (smtp == null) {
            throw new InvalidConfigException("smtp.host", "is required");
        }
        if (bounceDomain == null) {
            throw new InvalidConfigException("bounce.domain", "is required (the domain of the VERP return path)");
        }
        if (verpKeys == null) {
            throw new InvalidConfigException("verp.keys", "is required: the return path is signed (a key file, or "
                    + VerpKeys.ENV + "=<id>:<base64 secret>)");
        }
        if (maxPollRecords < 1 || maxPollRecords > 10_000) {
            throw new InvalidConfigException("max.poll.records", "must be in 1..10000, was " + maxPollRecords);
        }
        requirePositive("poll.timeout", pollTimeout);
        requirePositive("shutdown.grace-period", shutdownGracePeriod);
        requirePositive("startup.catch-up-timeout", startupCatchUpTimeout);
        requirePositive("campaign.wait-timeout", campaignWaitTimeout);
        requirePositive("tables.max-lag", tableMaxLag);
        if (unsubscribeBaseUrl == null) {
            throw new InvalidConfigException("unsubscribe.base-url", "must be given or empty (Optional), was null");
        }
        unsubscribeBaseUrl.ifPresent(u -> {
            if (!u.isAbsolute() || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new InvalidConfigException("unsubscribe.base-url",
                        "must be an absolute https URL without query or fragment (RFC 8058 one-click needs https), was " + u);
            }
        });
        if (delivery == null) {
            throw new InvalidConfigException("delivery.mode", "is required");
        }
        if (engine == null) {
            throw new InvalidConfigException("delivery.workers", "delivery settings are required");
        }
        if (unknownSchemas == null) {
            throw new InvalidConfigException("decode.unknown-schema-wait", "is required");
        }
        if (pacing == null) {
            throw new InvalidConfigException("policy.default", "pacing settings are required (PacingConfig.defaults() for none)");
        }
        if (ledger == null) {
            throw new InvalidConfigException("ledger.lookback", "ledger settings are required");
        }
        if (sentLedger == null) {
            throw new InvalidConfigException("ledger.horizon", "sent-ledger settings are required");
        }
        if (suppressions == null) {
            throw new InvalidConfigException("suppressions.state-dir", "suppression store settings are required");
        }
        if (tracking == null) {
            throw new InvalidConfigException("tracking.base-url", "tracking settings are required (TrackingSettings.off() for none)");
        }
        if (tlsRpt == null) {
            throw new InvalidConfigException("tls-rpt.enabled", "TLS-RPT settings are required (TlsRptSettings.disabled() for none)");
        }
    }

    /** The signed return paths of this dispatcher's mail. */
    public SignedVerp returnPaths() {
        return new SignedVerp(bounceDomain, verpKeys);
    }

    private static void requireName(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key, "must not be empty");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidConfigException(key, "contains control characters");
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidConfigException(key, "must be a positive duration, was " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings and validates them all in {@link #build()}; unset optional values take their defaults. */
    public static final class Builder {
        private String bootstrapServers;
        private KafkaClientSettings kafkaSettings = KafkaClientSettings.none();
        private String schemaRegistryUrl;
        private String groupId = DEFAULT_GROUP_ID;
        private String dispatcherId;
        private String smtpHost;
        private int smtpPort = 25;
        private String ehloName;
        private Duration smtpConnectTimeout = SmtpSettings.DEFAULT_CONNECT_TIMEOUT;
        private Duration smtpReadTimeout = SmtpSettings.DEFAULT_READ_TIMEOUT;
        private Duration smtpTransactionTimeout;
        private String bounceDomain;
        private VerpKeys verpKeys;
        private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private Duration startupCatchUpTimeout = DEFAULT_STARTUP_CATCH_UP_TIMEOUT;
        private Duration campaignWaitTimeout = DEFAULT_CAMPAIGN_WAIT_TIMEOUT;
        private Duration tableMaxLag = DEFAULT_TABLE_MAX_LAG;
        private UnknownSchemaPolicy unknownSchemas = UnknownSchemaPolicy.defaults();
        private String unsubscribeBaseUrl;
        private final DeliveryConfigBuilder delivery = new DeliveryConfigBuilder();
        private DeliverySettings engine = DeliverySettings.defaults();
        private PacingConfig pacing = PacingConfig.defaults();
        private LedgerSettings ledger = LedgerSettings.defaults();
        private SentLedgerSettings sentLedger = SentLedgerSettings.defaults();
        private SuppressionStoreSettings suppressions = SuppressionStoreSettings.defaults();
        private TlsRptSettings tlsRpt = TlsRptSettings.disabled();
        private TrackingSettings tracking = TrackingSettings.off();

        private Builder() {
        }

        /** {@code delivery.mode}: SMART_HOST (default; the smtp.* host) or DIRECT_MX. */
        public Builder deliveryMode(DeliveryMode v) {
            delivery.mode = v;
            return this;
        }

        /** {@code smtp.tls}, {@code smtp.tls.implicit}, {@code smtp.tls.trusted-ca}: TLS to the smart host (default NONE). */
        public Builder smtpTls(TlsSettings v) {
            delivery.relayTls = v;
            return this;
        }

        /** {@code smtp.auth.username} / {@code smtp.auth.password}: SMTP AUTH at the smart host; needs smtp.tls=REQUIRED. */
        public Builder smtpAuth(String username, String password) {
            delivery.relayAuth = Optional.of(new SmtpCredentials(username, password));
            return this;
        }

        /** {@code direct.port}: port of MX hosts in DIRECT_MX mode (default 25). */
        public Builder directPort(int v) {
            delivery.directPort = v;
            return this;
        }

        /** {@code direct.tls}: TLS towards MX hosts (default OPPORTUNISTIC). */
        public Builder directTls(TlsSettings v) {
            delivery.directTls = v;
            return this;
        }

        /**
         * {@code direct.allow-private-addresses}: deliver to MX hosts on loopback, private or link-local addresses
         * (default false: refused, see {@link io.mailstream.dispatcher.routing.AddressScope}); for receivers on 127.0.0.1 in tests.
         */
        public Builder allowPrivateAddresses(boolean v) {
            delivery.allowPrivateAddresses = v;
            return this;
        }

        /** {@code tls-rpt.*}: count TLS sessions for TLS-RPT (RFC 8460) and write them to mail.tls-reports (default: off). */
        /** {@code tracking.*}: click and open tracking of campaign mail (default: off). */
        public Builder tracking(TrackingSettings v) {
            tracking = v;
            return this;
        }

        public Builder tlsRpt(TlsRptSettings v) {
            tlsRpt = v;
            return this;
        }

        /** {@code mta-sts.*}: MTA-STS (RFC 8461) in DIRECT_MX mode (default: on, port 443, the JDK's CAs). */
        public Builder mtaSts(io.mailstream.dispatcher.mtasts.MtaStsSettings v) {
            delivery.mtaSts = v;
            return this;
        }

        /** {@code dns.resolver}: {@code host[:port]} of the DNS resolver for MX lookups (default: the system's). */
        public Builder dnsResolver(String hostPort) {
            delivery.dnsResolver = hostPort;
            return this;
        }

        /** {@code dns.timeout}: per-query DNS timeout (default 5s). */
        public Builder dnsTimeout(Duration v) {
            delivery.dnsTimeout = v;
            return this;
        }

        /** {@code route.<domain>}: send mail for {@code domain} to {@code hostPort} (port 25 if absent) in DIRECT_MX mode. */
        public Builder routeOverride(String domain, String hostPort, TlsSettings tls) {
            delivery.overrides.put(domain, Map.entry(hostPort, tls));
            return this;
        }

        /** {@code dkim.<domain>.selector} and {@code dkim.<domain>.private-key}: sign mail from {@code domain}. */
        public Builder dkimKey(String domain, String selector, Path privateKeyPem) {
            delivery.dkim.add(new String[] {domain, selector, privateKeyPem == null ? null : privateKeyPem.toString()});
            return this;
        }

        /**
         * {@code sending-pools.<name>.addresses} and {@code .selection}: a named pool of source IP
         * literals connections bind to. {@code default} serves campaign mail, {@code transactional}
         * (if configured) mail without a campaign; a pool of that name given twice is an error.
         */
        public Builder sendingPool(String name, SourceSelection selection, String... addresses) {
            SendingPool pool = SendingPool.of(name, selection, addresses == null ? null : java.util.Arrays.asList(addresses));
            if (delivery.sendingPools.putIfAbsent(pool.name(), pool) != null) {
                throw new InvalidConfigException("sending-pools." + name, "is configured twice");
            }
            return this;
        }

        /** {@code sending-pools.campaign.<campaignId>}: mail of this campaign leaves from the named pool. */
        public Builder campaignSendingPool(String campaignId, String poolName) {
            if (campaignId == null || campaignId.isBlank()) {
                throw new InvalidConfigException("sending-pools.campaign", "campaign id must not be empty");
            }
            delivery.campaignPools.put(campaignId, poolName);
            return this;
        }

        /** {@code circuit.*}: when a destination host's circuit breaker opens and probes again. */
        public Builder circuitBreaker(CircuitBreakerSettings v) {
            if (v == null) {
                throw new InvalidConfigException("circuit", "must not be null");
            }
            delivery.circuit = v;
            return this;
        }

        public Builder bootstrapServers(String v) {
            this.bootstrapServers = v;
            return this;
        }

        /**
         * {@code --kafka-config}: the user's Kafka client settings (TLS, SASL ...), merged under the
         * dispatcher's own, and the registry client's credentials and trust store (Confluent's names).
         */
        public Builder kafkaSettings(KafkaClientSettings v) {
            if (v == null) {
                throw new InvalidConfigException("kafka-config", "must not be null (KafkaClientSettings.none() for none)");
            }
            this.kafkaSettings = v;
            return this;
        }

        public Builder schemaRegistryUrl(String v) {
            this.schemaRegistryUrl = v;
            return this;
        }

        public Builder groupId(String v) {
            this.groupId = v;
            return this;
        }

        public Builder dispatcherId(String v) {
            this.dispatcherId = v;
            return this;
        }

        public Builder smtpHost(String v) {
            this.smtpHost = v;
            return this;
        }

        public Builder smtpPort(int v) {
            this.smtpPort = v;
            return this;
        }

        public Builder ehloName(String v) {
            this.ehloName = v;
            return this;
        }

        public Builder smtpConnectTimeout(Duration v) {
            this.smtpConnectTimeout = v;
            return this;
        }

        /** {@code smtp.transaction-timeout}: how long one SMTP transaction or session set-up may take in all (default 5 min). */
        public Builder smtpTransactionTimeout(Duration v) {
            this.smtpTransactionTimeout = v;
            return this;
        }

        public Builder smtpReadTimeout(Duration v) {
            this.smtpReadTimeout = v;
            return this;
        }

        public Builder bounceDomain(String v) {
            this.bounceDomain = v;
            return this;
        }

        /** Keys of the signed return path, the first signs ({@link VerpKeys#load} reads them from a file or the environment). */
        public Builder verpKeys(VerpKeys v) {
            this.verpKeys = v;
            return this;
        }

        public Builder maxPollRecords(int v) {
            this.maxPollRecords = v;
            return this;
        }

        public Builder pollTimeout(Duration v) {
            this.pollTimeout = v;
            return this;
        }

        public Builder shutdownGracePeriod(Duration v) {
            this.shutdownGracePeriod = v;
            return this;
        }

        public Builder startupCatchUpTimeout(Duration v) {
            this.startupCatchUpTimeout = v;
            return this;
        }

        public Builder campaignWaitTimeout(Duration v) {
            this.campaignWaitTimeout = v;
            return this;
        }

        /** {@code unsubscribe.base-url}: e.g. {@code https://mail.example.com}; campaign mail gets {@code <base>/u/<token>}. */
        public Builder unsubscribeBaseUrl(String v) {
            this.unsubscribeBaseUrl = v;
            return this;
        }

        /** {@code decode.unknown-schema-wait}: how long an unknown schema id is read again before dead-lettering (default 60 s). */
        public Builder unknownSchemaWait(Duration v) {
            this.unknownSchemas = UnknownSchemaPolicy.waitingFor(v);
            return this;
        }

        /** {@code decode.unknown-schema-wait} with its backoff. */
        public Builder unknownSchemas(UnknownSchemaPolicy v) {
            this.unknownSchemas = v;
            return this;
        }

        /** {@code tables.max-lag}: how far behind its topic a table may be before mail is held (default 30 s). */
        public Builder tableMaxLag(Duration v) {
            this.tableMaxLag = v;
            return this;
        }

        /** Consume engine, connection pool and retry settings ({@code delivery.*}, {@code pool.*}, {@code buffer.*}, {@code retry.*}). */
        public Builder engine(DeliverySettings v) {
            this.engine = v;
            return this;
        }

        /** Throttling, warm-up and adaptive backoff ({@code policy.*}, {@code warmup.*}, {@code aimd.*}, ...); see {@link PacingProperties}. */
        public Builder pacing(PacingConfig v) {
            this.pacing = v;
            return this;
        }

        /** {@code ledger.*}: reading back recent delivery events on partition assignment. */
        public Builder ledger(LedgerSettings v) {
            this.ledger = v;
            return this;
        }

        /** {@code ledger.horizon}, {@code ledger.state-dir}: the durable sent-ledger keyed by message id. */
        public Builder suppressions(SuppressionStoreSettings v) {
            this.suppressions = v;
            return this;
        }

        public Builder sentLedger(SentLedgerSettings v) {
            this.sentLedger = v;
            return this;
        }

        public DispatcherConfig build() {
            String servers = bootstrapServers != null ? bootstrapServers : kafkaSettings.get("bootstrap.servers").orElse(null);
            if (servers == null || servers.isBlank()) {
                throw new InvalidConfigException("bootstrap.servers", "is required (e.g. localhost:9092)");
            }
            KafkaConnection kafka = new KafkaConnection(servers, kafkaSettings);
            SchemaRegistryConfig registry;
            String registryUrl = schemaRegistryUrl != null ? schemaRegistryUrl : kafkaSettings.get("schema.registry.url").orElse(null);
            if (registryUrl == null || registryUrl.isBlank()) {
                throw new InvalidConfigException("schema.registry.url", "is required (e.g. http://localhost:8081)");
            }
            try {
                registry = kafkaSettings.registry(registryUrl.strip());
            } catch (IllegalArgumentException | KafkaConfigException e) {
                throw new InvalidConfigException("schema.registry.url", e.getMessage());
            }
            Domain bounce;
            try {
                bounce = bounceDomain == null ? null : Domain.of(bounceDomain);
            } catch (InvalidAddressException e) {
                throw new InvalidConfigException("bounce.domain", e.reason());
            }
            String ehlo = ehloName != null ? ehloName : bounce != null ? bounce.asString() : null;
            SmtpSettings smtp = smtpTransactionTimeout == null
                    ? new SmtpSettings(new SmtpRoute(smtpHost, smtpPort), ehlo, smtpConnectTimeout, smtpReadTimeout)
                    : new SmtpSettings(new SmtpRoute(smtpHost, smtpPort), ehlo, smtpConnectTimeout, smtpReadTimeout,
                            smtpTransactionTimeout);
            String id = dispatcherId != null ? dispatcherId : defaultDispatcherId();
            return new DispatcherConfig(kafka, registry, groupId, id, smtp, bounce, verpKeys, maxPollRecords,
                    pollTimeout, shutdownGracePeriod, startupCatchUpTimeout, campaignWaitTimeout, tableMaxLag, unsubscribeBase(), delivery.build(smtp), engine, pacing,
                    ledger, sentLedger, unknownSchemas, suppressions, tlsRpt, tracking);
        }

        private Optional<URI> unsubscribeBase() {
            if (unsubscribeBaseUrl == null || unsubscribeBaseUrl.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new URI(unsubscribeBaseUrl.strip()));
            } catch (java.net.URISyntaxException e) {
                throw new InvalidConfigException("unsubscribe.base-url", "is not a URL: " + e.getMessage());
            }
        }

        private static String defaultDispatcherId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            return host + "-" + ProcessHandle.current().pid();
        }
    }
}
