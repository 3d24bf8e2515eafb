package io.mailstream.bounces.cli;

import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.api.HttpApiConfig;
import io.mailstream.schemas.http.ServerTls;
import io.mailstream.bounces.receive.ClientLimits;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.receive.ReceiverTls;
import io.mailstream.bounces.topology.BounceConfigException;
import io.mailstream.bounces.guard.GuardConfig;
import io.mailstream.bounces.topology.TopologyConfig;
import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.OpsServerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream bounce-processor}: runs the bounce receiver and the bounce topology until
 * SIGTERM or Ctrl-C. Exit code 0 after a clean stop, 2 for invalid options.
 */
@Command(name = "bounce-processor", mixinStandardHelpOptions = true,
        description = "Receive bounces over SMTP into mail.bounces.raw and turn them (and delivery events) into mail.suppressions.")
public class BounceProcessorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--verp-keys", paramLabel = "FILE", description = "File of the keys that verify signed return paths, <id>:<base64 secret> per line"
            + " (the dispatchers' keys; default: $" + VerpKeys.ENV + "). Never the secret itself on the command line.")
    Path verpKeys;

    @Option(names = "--bounce-domain", required = true, description = "Domain of the signed VERP addresses bounces+<id>.<key>-<mac>@<domain>.")
    String bounceDomain;

    @Option(names = "--smtp-port", defaultValue = "" + ReceiverConfig.DEFAULT_PORT, description = "SMTP port (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--bind-address", defaultValue = ReceiverConfig.DEFAULT_BIND_ADDRESS, description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--hostname", defaultValue = ReceiverConfig.DEFAULT_HOST_NAME, description = "Name in the SMTP greeting (default: ${DEFAULT-VALUE}).")
    String hostName;

    @Option(names = "--feedback-address", paramLabel = "ADDRESS", description = "Feedback-loop address also accepted (repeatable).")
    List<String> feedbackAddresses = List.of();

    @Option(names = "--max-message-bytes", defaultValue = "" + ReceiverConfig.DEFAULT_MAX_MESSAGE_BYTES, description = "Larger messages get 552 (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--ack-timeout", defaultValue = "PT30S", description = "How long DATA waits for Kafka before 451 (default: ${DEFAULT-VALUE}).")
    Duration ackTimeout;

    @Option(names = "--max-connections", defaultValue = "" + ReceiverConfig.DEFAULT_MAX_CONNECTIONS, description = "Concurrent SMTP sessions (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-client", defaultValue = "" + ClientLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Concurrent SMTP sessions of one client IP; more get 421 (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerClient;

    @Option(names = "--max-messages-per-client", defaultValue = "" + ClientLimits.DEFAULT_MAX_MESSAGES,
            description = "Messages one client IP may send per --client-window; more get 451 (default: ${DEFAULT-VALUE}).")
    int maxMessagesPerClient;

    @Option(names = "--client-window", defaultValue = "PT1M",
            description = "The period --max-messages-per-client counts over (default: ${DEFAULT-VALUE}).")
    Duration clientWindow;

    @Option(names = "--data-timeout", defaultValue = "PT10M",
            description = "How long a message after DATA may take to arrive; slower: 421, connection closed (default: ${DEFAULT-VALUE}).")
    Duration dataTimeout;

    @Option(names = "--max-record-bytes", defaultValue = "" + ReceiverConfig.DEFAULT_MAX_RECORD_BYTES,
            description = "The largest record mail.bounces.raw takes (its max.message.bytes); larger bounces are stored"
                    + " shortened (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--application-id", defaultValue = BounceProcessorConfig.DEFAULT_APPLICATION_ID, description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", description = "Kafka Streams state directory (default: <tmp>/mailstream-bounce-processor/<application id>).")
    Path stateDir;

    @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--suppress-low-confidence-hard", description = "Suppress hard bounces of low confidence at once "
            + "instead of holding them as soft until a second bounce of the address confirms them (default: hold).")
    boolean suppressLowConfidenceHard;

    @Option(names = "--soft-bounce-threshold", defaultValue = "3", description = "Soft bounces within the window that suppress (default: ${DEFAULT-VALUE}).")
    int softBounceThreshold;

    @Option(names = "--soft-bounce-window", defaultValue = "P7D", description = "Window for counting soft bounces (default: ${DEFAULT-VALUE}).")
    Duration softBounceWindow;

    @Option(names = "--soft-bounce-suppression", defaultValue = "P30D", description = "How long a soft-bounce suppression lasts (default: ${DEFAULT-VALUE}).")
    Duration softBounceSuppression;

    @Option(names = "--expiry-check-interval", defaultValue = "PT1M", description = "How often expired suppressions are tombstoned (default: ${DEFAULT-VALUE}).")
    Duration expiryCheckInterval;

    @Option(names = "--pending-report-hold", defaultValue = "PT15M",
            description = "How long a bounce that arrived before its delivery event waits for it (default: ${DEFAULT-VALUE}).")
    Duration pendingReportHold;

    @Option(names = "--max-pending-reports", defaultValue = "10000",
            description = "Bounces held at once waiting for their delivery events, per task (default: ${DEFAULT-VALUE}).")
    int maxPendingReports;

    @Option(names = "--no-guard", description = "Never brake a campaign at a provider (the campaign guard is on by default).")
    boolean noGuard;

    @Option(names = "--guard-complaint-line", defaultValue = "" + GuardConfig.DEFAULT_COMPLAINT_LINE, paramLabel = "SHARE",
            description = "Complaints per delivered message at a provider that brake the campaign there (default: ${DEFAULT-VALUE} = 0.1 %%).")
    double guardComplaintLine;

    @Option(names = "--guard-complaint-min-delivered", defaultValue = "" + GuardConfig.DEFAULT_COMPLAINT_MIN_DELIVERED,
            description = "Delivered messages at a provider before its complaint rate is judged (default: ${DEFAULT-VALUE}).")
    long guardComplaintMinDelivered;

    @Option(names = "--guard-hard-bounce-line", defaultValue = "" + GuardConfig.DEFAULT_HARD_BOUNCE_LINE, paramLabel = "SHARE",
            description = "Hard bounces per attempted message at a provider that brake the campaign there (default: ${DEFAULT-VALUE} = 5 %%).")
    double guardHardBounceLine;

    @Option(names = "--guard-hard-bounce-min-attempted", defaultValue = "" + GuardConfig.DEFAULT_HARD_BOUNCE_MIN_ATTEMPTED,
            description = "Attempted messages at a provider before its hard-bounce rate is judged (default: ${DEFAULT-VALUE}).")
    long guardHardBounceMinAttempted;

    @Option(names = "--guard-window", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "How far back the guard's rates look (ISO-8601, at least PT1M; default: ${DEFAULT-VALUE}): the minimums apply inside it.")
    Duration guardWindow;

    @Option(names = "--guard-scope", defaultValue = "provider", paramLabel = "provider|campaign",
            description = "What a brake pauses: the provider only, or the whole campaign (default: ${DEFAULT-VALUE}).")
    String guardScope;

    @Option(names = "--shutdown-timeout", defaultValue = "PT30S", description = "How long stopping may take (default: ${DEFAULT-VALUE}).")
    Duration shutdownTimeout;

    @Option(names = "--metrics-port", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Port of /metrics and /health (0 = any free port, -1 = none; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--no-metrics", description = "Do not open the /metrics and /health port.")
    boolean noMetrics;

    public static final int DEFAULT_METRICS_PORT = 9402;

    private final OpsServerFactory ops;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS12 keystore with the receiver's certificate and key: offer STARTTLS (default: not offered).")
    Path tlsKeystore;

    @Option(names = "--tls-password", paramLabel = "PASSWORD", description = "Password of --tls-keystore; also read from MAILSTREAM_TLS_PASSWORD.",
            defaultValue = "${env:MAILSTREAM_TLS_PASSWORD}")
    String tlsPassword;

    @Option(names = "--tls-required", description = "Refuse mail from clients that did not STARTTLS (530). Needs --tls-keystore.")
    boolean tlsRequired;

    @Option(names = "--http-port", defaultValue = "" + HttpApiConfig.DEFAULT_PORT, description = "Port of the suppression/unsubscribe HTTP API; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-bind-address", defaultValue = HttpApiConfig.DEFAULT_BIND_ADDRESS, description = "Interface of the HTTP API (default: ${DEFAULT-VALUE}).")
    String httpBindAddress;

    @Option(names = "--http-token", paramLabel = "TOKEN", description = "If set, /suppressions requires 'Authorization: Bearer TOKEN' (at least 16 characters; default: none). "
            + "Also read from MAILSTREAM_HTTP_TOKEN.", defaultValue = "${env:MAILSTREAM_HTTP_TOKEN}")
    String httpToken;

    @Option(names = "--http-tls-keystore", paramLabel = "FILE", description = "Serve the HTTP API (the one-click unsubscribe "
            + "pages) over HTTPS with the key and chain in this PKCS12 file; password from --http-tls-keystore-password-file or $"
            + ServerTls.PASSWORD_ENV + " (default: plain HTTP, e.g. behind a TLS-terminating proxy).")
    Path httpTlsKeystore;

    @Option(names = "--http-tls-keystore-password-file", paramLabel = "FILE", description = "First line: the --http-tls-keystore password.")
    Path httpTlsPasswordFile;

    public BounceProcessorCommand() {
        this(OpsServerFactory.disabled());
    }

    /** @param ops starts the /metrics and /health endpoint (the launcher passes its HTTP one) */
    public BounceProcessorCommand(OpsServerFactory ops) {
        this.ops = ops;
    }

    /** The campaign guard's lines from the {@code --guard-*} options. */
    GuardConfig guardConfig() {
        GuardConfig.GuardScope scope = switch (guardScope.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "provider" -> GuardConfig.GuardScope.PROVIDER;
            case "campaign" -> GuardConfig.GuardScope.CAMPAIGN;
            default -> throw BounceConfigException.invalid("guard.scope",
                    "--guard-scope must be provider or campaign, was '" + guardScope + "'");
        };
        return new GuardConfig(!noGuard, guardComplaintLine, guardComplaintMinDelivered, guardHardBounceLine,
                guardHardBounceMinAttempted, scope, guardWindow);
    }

    /** Builds the typed configuration from the options; throws {@link MailstreamException} naming the bad option. */
    BounceProcessorConfig config() {
        Set<EmailAddress> feedback = feedbackAddresses.stream().map(EmailAddress::parse).collect(Collectors.toSet());
        if (tlsKeystore == null && tlsRequired) {
            throw BounceConfigException.invalid("receiver.tls.required", "needs --tls-keystore (a PKCS12 file) to offer STARTTLS");
        }
        Optional<ReceiverTls> tls = tlsKeystore == null ? Optional.empty()
                : Optional.of(new ReceiverTls(tlsKeystore, tlsPassword, tlsRequired));
        TopologyConfig topology = new TopologyConfig(softBounceThreshold, softBounceWindow, softBounceSuppression, expiryCheckInterval,
                pendingReportHold, maxPendingReports, TopologyConfig.DEFAULT_PENDING_RECHECK_INTERVAL, !suppressLowConfidenceHard,
                guardConfig());
        var connection = kafka.connection(); // a bad Kafka config file is reported before missing keys
        var registry = kafka.registryConfig();
        SignedVerp returnPaths = new SignedVerp(Domain.of(bounceDomain), VerpKeys.load(Optional.ofNullable(verpKeys), System.getenv()));
        ReceiverConfig receiver = new ReceiverConfig(bindAddress, smtpPort, hostName, returnPaths, feedback,
                maxMessageBytes, ackTimeout, maxConnections, tls,
                new ClientLimits(maxConnectionsPerClient, maxMessagesPerClient, clientWindow), dataTimeout, maxRecordBytes);
        return new BounceProcessorConfig(connection, registry, applicationId,
                stateDir == null ? BounceProcessorConfig.defaultStateDir(applicationId) : stateDir, streamThreads, receiver,
                topology, shutdownTimeout, new HttpApiConfig(httpBindAddress, httpPort,
                        Optional.ofNullable(httpToken).filter(t -> !t.isEmpty()), HttpApiConfig.DEFAULT_THREADS)
                        .withTls(ServerTls.fromOptions("--http-tls-keystore", httpTlsKeystore, httpTlsPasswordFile, System.getenv())));
    }

    @Override
    public Integer call() throws Exception {
        BounceProcessorConfig config;
        try {
            config = config();
        } catch (MailstreamException | IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        if (metricsPort < OpsServerFactory.DISABLED_PORT || metricsPort > 65_535) {
            spec.commandLine().getErr().println("--metrics-port must be 0..65535 or -1 (none), was " + metricsPort);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        OpsServer endpoint = ops.start("bounce-processor", noMetrics ? OpsServerFactory.DISABLED_PORT : metricsPort);
        BounceProcessor processor;
        try {
            processor = BounceProcessor.start(config, Clock.systemUTC(), endpoint.registry());
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        endpoint.serveHealth(processor.health());
        Thread hook = new Thread(() -> {
            processor.close();
            endpoint.close();
            stopped.countDown();
        }, "mailstream-bounce-processor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().printf("bounce processor running: SMTP on port %d for signed bounces+*@%s, HTTP API on port %d, Streams app %s%s; Ctrl-C to stop%n",
                processor.smtpPort(), config.receiver().bounceDomain().asString(), processor.httpPort(), config.applicationId(),
                endpoint.port() < 0 ? "" : ", /metrics and /health on port " + endpoint.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
