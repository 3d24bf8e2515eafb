package io.mailstream.webhooks.cli;

import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConfigException;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.OpsServerFactory;
import io.mailstream.webhooks.WebhooksService;
import io.mailstream.webhooks.config.InvalidWebhooksConfigException;
import io.mailstream.webhooks.config.WebhooksConfig;
import io.mailstream.webhooks.config.WebhooksConfigLoader;
import io.mailstream.webhooks.event.EventSources;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream webhooks --config webhooks.yaml}: posts the pipeline's events to HTTP endpoints until stopped. */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Post delivery events, bounces, complaints and unsubscribes, signed and batched, to HTTP endpoints.")
public final class WebhooksCommand implements Callable<Integer> {
    public static final int DEFAULT_METRICS_PORT = 9404;
    static final int OK = 0;
    static final int INVALID_INPUT = 2;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Endpoints (YAML), see webhooks/README.md.")
    Path config;

    @Option(names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --kafka-config, else localhost:9092).")
    String bootstrapServers;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL ...;"
            + " default: $" + KafkaClientSettings.ENV_VAR + "), merged under the service's own client settings.")
    Path kafkaConfig;

    @Option(names = "--schema-registry",
            description = "Schema registry URL (default: schema.registry.url of --kafka-config, else http://localhost:8081).")
    String schemaRegistry;

    @Option(names = "--metrics-port", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Port of /metrics and /health (0 = any free port, -1 = none; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Spec
    CommandSpec spec;

    private final OpsServerFactory ops;
    /** Where {@code secretEnv} is looked up; tests replace it. */
    Map<String, String> env = System.getenv();

    public WebhooksCommand() {
        this(OpsServerFactory.disabled());
    }

    public WebhooksCommand(OpsServerFactory ops) {
        this.ops = ops;
    }

    @Override
    public Integer call() throws InterruptedException {
        WebhooksConfig parsed;
        KafkaConnection kafka;
        RestSchemaRegistryClient registry;
        try {
            KafkaClientSettings settings = KafkaClientSettings.resolve(kafkaConfig, env);
            kafka = KafkaConnection.resolve(bootstrapServers, settings);
            SchemaRegistryConfig registryConfig = settings.registry(schemaRegistry);
            registry = new RestSchemaRegistryClient(registryConfig);
            parsed = new WebhooksConfigLoader(EventSources.defaults(registry).types(), env).load(config);
            CleartextWarnings.log(kafka);
            CleartextWarnings.log(registryConfig);
        } catch (InvalidWebhooksConfigException | KafkaConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return INVALID_INPUT;
        }
        if (metricsPort < OpsServerFactory.DISABLED_PORT || metricsPort > 65_535) {
            spec.commandLine().getErr().println("error: --metrics-port must be 0..65535 or -1 (none), was " + metricsPort);
            return INVALID_INPUT;
        }
        OpsServer endpoint = ops.start("webhooks", metricsPort);
        WebhooksService service;
        try {
            service = WebhooksService.start(parsed, kafka, registry, endpoint.registry(), Clock.systemUTC());
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        endpoint.serveHealth(service);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            endpoint.close();
            stopped.countDown();
        }, "mailstream-webhooks-shutdown"));
        spec.commandLine().getOut().println("mailstream webhooks posting to " + parsed.endpoints().size() + " endpoint(s)"
                + (endpoint.port() < 0 ? "" : ", /metrics and /health on port " + endpoint.port()));
        spec.commandLine().getOut().flush();
        stopped.await();
        return OK;
    }
}
