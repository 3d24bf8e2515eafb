package io.mailstream.dispatcher.cli;

import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.config.CleartextDelivery;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.consume.EventAckWindow;
import io.mailstream.dispatcher.lane.LaneSettings;
import io.mailstream.dispatcher.ledger.LedgerSettings;
import io.mailstream.dispatcher.ledger.SentLedgerSettings;
import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.suppress.SuppressionStoreSettings;
import io.mailstream.dispatcher.suppress.UnsubscribeScope;
import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.sending.SourceSelection;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.dispatcher.tls.report.TlsRptSettings;
import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConfigException;
import io.mailstream.schemas.verp.VerpKeyException;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.OpsServerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream dispatcher}: runs one dispatcher until SIGTERM or Ctrl-C, then shuts it down
 * cleanly (in-flight message finished, outcomes flushed, offsets committed). Exit code 0 after a
 * clean stop, 1 if the dispatcher failed, 2 for invalid options.
 */
@Command(name = "dispatcher", mixinStandardHelpOptions = true,
        description = "Consume mail.outbound and mail.transactional, render and deliver over SMTP, write delivery events.")
public final class DispatcherCommand implements Callable<Integer> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DispatcherCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Option(names = "--smtp-host", defaultValue = "localhost", description = "Smart host to relay through (default: ${DEFAULT-VALUE}).")
    String smtpHost;

    @Option(names = "--smtp-port", defaultValue = "25", description = "Smart host port (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--bounce-domain", required = true, description = "Domain of the signed VERP return path bounces+<id>.<key>-<mac>@<domain>.")
    String bounceDomain;

    @Option(names = "--ehlo-name", description = "Name this dispatcher gives in EHLO (default: the --bounce-domain); a host"
            + " name whose reverse DNS matches the sending IP, or in a test, one that tells dispatchers apart at the receiver.")
    String ehloName;

    @Option(names = "--verp-keys", description = "File of the return-path signing keys, <id>:<base64 secret> per line, the first signs"
            + " (default: $" + VerpKeys.ENV + "). Never the secret itself on the command line.")
    Path verpKeys;

    @Option(names = "--group-id", defaultValue = DispatcherConfig.DEFAULT_GROUP_ID, description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--dispatcher-id", description = "Id written into delivery events (default: <hostname>-<pid>).")
    String dispatcherId;

    @Option(names = "--shutdown-grace-period", defaultValue = "PT30S", description = "ISO-8601 duration close may take (default: ${DEFAULT-VALUE}).")
    Duration shutdownGracePeriod;

    @Option(names = "--unsubscribe-base-url", description = "Public https base of the bounce processor's one-click unsubscribe "
            + "pages: campaign mail without its own listUnsubscribe gets List-Unsubscribe <BASE/u/TOKEN> (default: none).")
    String unsubscribeBaseUrl;

    @Option(names = "--tracking-base-url", description = "Public https base of the tracking endpoint (mailstream tracking): "
            + "links of campaign HTML become BASE/c/TOKEN, and campaigns with openTracking get a pixel BASE/o/TOKEN (default: no tracking).")
    String trackingBaseUrl;

    @Option(names = "--tracking-tenants-off", description = "Comma-separated tenants whose mail is never tracked "
            + "('default' is the default tenant; default: none).")
    String trackingTenantsOff;

    @Option(names = "--table-max-lag", defaultValue = "PT30S", description = "How far behind its topic the campaign or suppression "
            + "table may be before the dispatcher turns not-ready and holds its mail (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration tableMaxLag;

    @Option(names = "--unknown-schema-wait", defaultValue = "PT60S", description = "How long a record whose schema id the "
            + "registry does not know is read again (with backoff, its partition waiting) before it is dead-lettered "
            + "(ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration unknownSchemaWait;

    @Option(names = "--delivery-mode", defaultValue = "SMART_HOST", description = "SMART_HOST or DIRECT_MX (default: ${DEFAULT-VALUE}).")
    DeliveryMode deliveryMode;

    @Option(names = "--smtp-tls", defaultValue = "NONE", description = "TLS to the smart host: NONE, OPPORTUNISTIC, REQUIRED (default: ${DEFAULT-VALUE}).")
    TlsPolicy smtpTls;

    @Option(names = "--smtp-implicit-tls", description = "TLS from the first byte (port 465); needs --smtp-tls REQUIRED.")
    boolean smtpImplicitTls;

    @Option(names = "--smtp-trusted-ca", description = "PEM file of CAs to trust for the smart host; needs --smtp-tls REQUIRED.")
    Path smtpTrustedCa;

    @Option(names = "--smtp-user", description = "SMTP AUTH user at the smart host; the password is read from $MAILSTREAM_SMTP_PASSWORD.")
    String smtpUser;

    @Option(names = "--dns-resolver", description = "host[:port] of the DNS resolver for DIRECT_MX (default: the system's).")
    String dnsResolver;

    @Option(names = "--direct-port", defaultValue = "25", description = "Port of MX hosts (default: ${DEFAULT-VALUE}).")
    int directPort;

    @Option(names = "--direct-tls", defaultValue = "OPPORTUNISTIC", description = "TLS towards MX hosts (default: ${DEFAULT-VALUE}).")
    TlsPolicy directTls;

    @Option(names = "--direct-allow-private-addresses", description = "Deliver to MX hosts that resolve to loopback,"
            + " private or link-local addresses (default: refused; for test receivers on 127.0.0.1).")
    boolean directAllowPrivateAddresses;

    @Option(names = "--mta-sts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Look up and apply recipient domains' MTA-STS policies (RFC 8461) in DIRECT_MX mode (default: on).")
    boolean mtaSts;

    @Option(names = "--mta-sts-policy-port", defaultValue = "443", description = "HTTPS port of mta-sts.<domain> (default: ${DEFAULT-VALUE}).")
    int mtaStsPolicyPort;

    @Option(names = "--mta-sts-trusted-ca", description = "PEM file of CAs to trust for MTA-STS policy hosts and enforced MX"
            + " certificates instead of the JDK's (tests, private PKI).")
    Path mtaStsTrustedCa;

    @Option(names = "--tls-rpt", description = "Count TLS sessions to MTA-STS domains for TLS-RPT (RFC 8460) in DIRECT_MX mode"
            + " and write the counts to mail.tls-reports, where `mailstream tlsrpt send` reports them (default: off).")
    boolean tlsRpt;

    @Option(names = "--tls-rpt-flush-interval", defaultValue = "PT1M", description = "ISO-8601 interval at which the TLS-RPT"
            + " counts are written (and at shutdown); a crash loses at most this long's counts (default: ${DEFAULT-VALUE}).")
    Duration tlsRptFlushInterval;

    @Option(names = "--route", description = "domain=host[:port]: send that domain's mail there in DIRECT_MX mode (repeatable).")
    Map<String, String> routes = new LinkedHashMap<>();

    @Option(names = "--dkim", description = "domain=selector:/path/key.pem[,selector2:/path/key2.pem]: DKIM-sign mail "
            + "from that domain, once per key (e.g. RSA and Ed25519); repeatable for other domains.")
    Map<String, String> dkim = new LinkedHashMap<>();

    @Option(names = "--sending-pool", description = "name=ip[/ehlo-name][,ip[/ehlo-name]...]: a sending IP pool; 'default' serves"
            + " campaigns, 'transactional' (optional) mail without a campaign (repeatable). An IP with /ehlo-name announces that"
            + " name in EHLO (match its PTR), the others --ehlo-name; checked against reverse DNS at start (a warning, never a refusal).")
    Map<String, String> sendingPools = new LinkedHashMap<>();

    @Option(names = "--sending-pool-selection", description = "name=ROUND_ROBIN|LEAST_USED: how that pool picks a source"
            + " address per destination (default ROUND_ROBIN; repeatable).")
    Map<String, SourceSelection> sendingPoolSelection = new LinkedHashMap<>();

    @Option(names = "--campaign-sending-pool", description = "campaignId=pool: mail of that campaign leaves from the named pool (repeatable).")
    Map<String, String> campaignSendingPools = new LinkedHashMap<>();

    @Option(names = "--circuit-failure-rate", defaultValue = "" + CircuitBreakerSettings.DEFAULT_FAILURE_RATE_THRESHOLD,
            description = "Percentage of connection failures among a host's last attempts that opens its circuit (default: ${DEFAULT-VALUE}).")
    float circuitFailureRate;

    @Option(names = "--circuit-window", defaultValue = "" + CircuitBreakerSettings.DEFAULT_SLIDING_WINDOW_SIZE,
            description = "How many of a host's last connection attempts are judged (default: ${DEFAULT-VALUE}).")
    int circuitWindow;

    @Option(names = "--circuit-minimum-calls", defaultValue = "" + CircuitBreakerSettings.DEFAULT_MINIMUM_CALLS,
            description = "Attempts needed before a host's failure rate is judged (default: ${DEFAULT-VALUE}).")
    int circuitMinimumCalls;

    @Option(names = "--circuit-wait", defaultValue = "PT60S",
            description = "ISO-8601 time an open circuit defers mail before a probe (default: ${DEFAULT-VALUE}).")
    Duration circuitWait;

    @Option(names = "--smtp-transaction-timeout", defaultValue = "PT5M",
            description = "ISO-8601 time one SMTP transaction, or one session set-up, may take in all; cuts off receivers"
                    + " that drip their replies byte by byte (default: ${DEFAULT-VALUE}).")
    Duration smtpTransactionTimeout;

    @Option(names = "--pool-acquire-timeout", defaultValue = "PT60S",
            description = "ISO-8601 time a message waits for a free connection before it is deferred (default: ${DEFAULT-VALUE}).")
    Duration poolAcquireTimeout;

    @Option(names = "--workers", defaultValue = "" + EngineSettings.DEFAULT_WORKERS, description = "SMTP transactions in flight at most, one virtual thread each (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--unacknowledged-events-per-worker", defaultValue = "" + EventAckWindow.DEFAULT,
            description = "Delivery events of one worker that may still await Kafka's acknowledgement when it starts its next"
                    + " SMTP transaction (0.." + EventAckWindow.MAX + "); a crash repeats at most this many plus the one in flight,"
                    + " per worker (default: ${DEFAULT-VALUE}).")
    int unacknowledgedEventsPerWorker;

    @Option(names = "--per-domain-concurrency", defaultValue = "" + EngineSettings.DEFAULT_PER_DOMAIN_CONCURRENCY,
            description = "Workers one routing key may hold at once (default: ${DEFAULT-VALUE}).")
    int perDomainConcurrency;

    @Option(names = "--max-connections", defaultValue = "" + PoolSettings.DEFAULT_MAX_CONNECTIONS,
            description = "SMTP connections per destination (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--transactional-workers", defaultValue = "" + LaneSettings.DEFAULT_RESERVED_WORKERS,
            description = "Workers, on top of --workers, that take transactional mail only (default: ${DEFAULT-VALUE}).")
    int transactionalWorkers;

    @Option(names = "--transactional-connections", defaultValue = "" + PoolSettings.DEFAULT_TRANSACTIONAL_CONNECTIONS,
            description = "Connections of each destination that campaign mail may never hold (default: ${DEFAULT-VALUE}).")
    int transactionalConnections;

    @Option(names = "--retry-max-age", defaultValue = "P3D", description = "ISO-8601 age after which deferred mail expires (default: ${DEFAULT-VALUE}).")
    Duration retryMaxAge;

    @Option(names = "--pacing-config", description = "Properties file of traffic policies, warm-up schedules and adaptive backoff "
            + "(policy.<name>.*, warmup.<name>.*, aimd.*, domain-shards; see the dispatcher README).")
    Path pacingConfig;

    @Option(names = "--metrics-port", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Port of /metrics and /health (0 = any free port, -1 = none; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--no-metrics", description = "Do not open the /metrics and /health port.")
    boolean noMetrics;

    public static final int DEFAULT_METRICS_PORT = 9401;

    private final OpsServerFactory ops;

    @Option(names = "--ledger-lookback-margin", defaultValue = "PT30S",
            description = "On assignment, read delivery events back from this long before the last commit (default: ${DEFAULT-VALUE}).")
    Duration ledgerLookbackMargin;

    @Option(names = "--ledger-lookback", defaultValue = "PT10M",
            description = "How far back to read delivery events when the last commit carries no time; PT0S turns it off (default: ${DEFAULT-VALUE}).")
    Duration ledgerLookback;

    @Option(names = "--ledger-horizon", defaultValue = "P30D",
            description = "How long a message id is remembered as sent: a relaunch or API retry within it sends nothing (default: ${DEFAULT-VALUE}).")
    Duration ledgerHorizon;

    @Option(names = "--ledger-state-dir",
            description = "Directory of the local sent-ledger store (RocksDB), one per dispatcher process; "
                    + "default: a temporary one, rebuilt from mail.delivery-events at every start.")
    Path ledgerStateDir;

    @Option(names = "--startup-catch-up-timeout", defaultValue = "PT60S",
            description = "How long start waits for the campaign and suppression tables and the sent-ledger to be read "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration startupCatchUpTimeout;

    @Option(names = "--suppressions-state-dir",
            description = "Directory of the local suppression store (RocksDB), one per dispatcher process, kept across "
                    + "restarts so a restart reads only what changed in mail.suppressions; default: a temporary one, "
                    + "rebuilt from the topic at every start.")
    Path suppressionsStateDir;

    @Option(names = "--unsubscribe-scope", defaultValue = "LIST",
            description = "LIST: an unsubscribe blocks campaign mail of the list it came from; GLOBAL: all campaign mail "
                    + "(default: ${DEFAULT-VALUE}). Hard bounces and complaints always block everything.")
    UnsubscribeScope unsubscribeScope;

    public DispatcherCommand() {
        this(OpsServerFactory.disabled());
    }

    /** @param ops starts the /metrics and /health endpoint (the launcher passes its HTTP one) */
    public DispatcherCommand(OpsServerFactory ops) {
        this.ops = ops;
    }

    @Override
    public Integer call() throws Exception {
        DispatcherConfig config;
        try {
            KafkaClientSettings kafkaSettings = kafka.settings();
            DispatcherConfig.Builder builder = DispatcherConfig.builder()
                    .kafkaSettings(kafkaSettings)
                    .bootstrapServers(kafka.connection(kafkaSettings).bootstrapServers())
                    .schemaRegistryUrl(kafka.registryUrl(kafkaSettings))
                    .smtpHost(smtpHost)
                    .smtpPort(smtpPort)
                    .bounceDomain(bounceDomain)
                    .ehloName(ehloName)
                    .verpKeys(VerpKeys.load(Optional.ofNullable(verpKeys), System.getenv()))
                    .groupId(groupId)
                    .dispatcherId(dispatcherId)
                    .shutdownGracePeriod(shutdownGracePeriod)
                    .tableMaxLag(tableMaxLag)
                    .unknownSchemaWait(unknownSchemaWait)
                    .startupCatchUpTimeout(startupCatchUpTimeout)
                    .unsubscribeBaseUrl(unsubscribeBaseUrl)
                    .tracking(io.mailstream.dispatcher.render.TrackingSettings.parse(trackingBaseUrl, trackingTenantsOff))
                    .engine(new DeliverySettings(
                            EngineSettings.forWorkers(workers, perDomainConcurrency)
                                    .withLanes(new LaneSettings(transactionalWorkers, LaneSettings.DEFAULT_MAX_BUFFERED))
                                    .withAckWindow(new EventAckWindow(unacknowledgedEventsPerWorker)),
                            new PoolSettings(maxConnections, PoolSettings.DEFAULT_MAX_MESSAGES_PER_CONNECTION,
                                    PoolSettings.DEFAULT_IDLE_TIMEOUT, poolAcquireTimeout, transactionalConnections),
                            retryMaxAge));
            builder.ledger(new LedgerSettings(ledgerLookbackMargin, ledgerLookback, LedgerSettings.DEFAULT_READ_TIMEOUT,
                    LedgerSettings.DEFAULT_MAX_ENTRIES));
            builder.sentLedger(new SentLedgerSettings(ledgerHorizon, Optional.ofNullable(ledgerStateDir)));
            builder.suppressions(new SuppressionStoreSettings(Optional.ofNullable(suppressionsStateDir), unsubscribeScope));
            builder.tlsRpt(new TlsRptSettings(tlsRpt, tlsRptFlushInterval));
            delivery(builder);
            if (pacingConfig != null) {
                builder.pacing(PacingProperties.load(pacingConfig));
            }
            config = builder.build();
        } catch (InvalidConfigException | VerpKeyException | KafkaConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        if (metricsPort < OpsServerFactory.DISABLED_PORT || metricsPort > 65_535) {
            spec.commandLine().getErr().println("--metrics-port must be 0..65535 or -1 (none), was " + metricsPort);
            return 2;
        }
        CleartextWarnings.log(config.kafka(), config.schemaRegistry());
        CleartextDelivery.warnings(config.delivery().routes()).forEach(log::warn);
        try (OpsServer endpoint = ops.start("dispatcher", noMetrics ? OpsServerFactory.DISABLED_PORT : metricsPort)) {
            Dispatcher dispatcher = Dispatcher.create(config,
                    new io.mailstream.schemas.registry.RestSchemaRegistryClient(config.schemaRegistry()), Clock.systemUTC(),
                    endpoint.registry());
            endpoint.serveHealth(dispatcher.health());
            Thread hook = new Thread(dispatcher::close, "mailstream-dispatcher-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            dispatcher.start();
            spec.commandLine().getOut().printf("dispatcher %s running (group %s, SMTP %s%s); Ctrl-C to stop%n",
                    config.dispatcherId(), config.groupId(), config.smtp().route(),
                    endpoint.port() < 0 ? "" : ", /metrics and /health on port " + endpoint.port());
            spec.commandLine().getOut().flush();
            dispatcher.awaitTermination();
            if (dispatcher.failure().isPresent()) {
                dispatcher.close();
                spec.commandLine().getErr().println("dispatcher failed: " + dispatcher.failure().get());
                return 1;
            }
            return 0;
        }
    }

    private void delivery(DispatcherConfig.Builder b) {
        b.deliveryMode(deliveryMode)
                .smtpTls(new TlsSettings(smtpTls, smtpImplicitTls, Optional.ofNullable(smtpTrustedCa)))
                .directPort(directPort)
                .allowPrivateAddresses(directAllowPrivateAddresses)
                .smtpTransactionTimeout(smtpTransactionTimeout)
                .mtaSts(new MtaStsSettings(mtaSts, mtaStsPolicyPort, Optional.ofNullable(mtaStsTrustedCa),
                        MtaStsSettings.DEFAULT_FETCH_TIMEOUT, MtaStsSettings.DEFAULT_RECHECK))
                .directTls(new TlsSettings(directTls, false, Optional.empty()));
        if (smtpUser != null) {
            b.smtpAuth(smtpUser, System.getenv("MAILSTREAM_SMTP_PASSWORD"));
        }
        if (dnsResolver != null) {
            b.dnsResolver(dnsResolver);
        }
        sendingPools.forEach((name, addresses) -> b.sendingPool(name,
                sendingPoolSelection.getOrDefault(name, SourceSelection.ROUND_ROBIN), addresses.split(",")));
        sendingPoolSelection.keySet().stream().filter(name -> !sendingPools.containsKey(name)).findFirst().ifPresent(name -> {
            throw new InvalidConfigException("sending-pools." + name + ".selection", "names no pool given with --sending-pool");
        });
        campaignSendingPools.forEach(b::campaignSendingPool);
        b.circuitBreaker(new CircuitBreakerSettings(circuitFailureRate, circuitWindow, circuitMinimumCalls, circuitWait,
                CircuitBreakerSettings.DEFAULT_HALF_OPEN_PROBES));
        routes.forEach((domain, target) -> b.routeOverride(domain, target, new TlsSettings(directTls, false, Optional.empty())));
        dkim.forEach((domain, keys) -> {
            for (String selectorAndKey : keys.split(",")) {
                int colon = selectorAndKey.indexOf(':');
                if (colon < 1) {
                    throw new InvalidConfigException("dkim." + domain, "expected selector:/path/key.pem, was '" + selectorAndKey + "'");
                }
                b.dkimKey(domain, selectorAndKey.substring(0, colon), Path.of(selectorAndKey.substring(colon + 1)));
            }
        });
    }
}
