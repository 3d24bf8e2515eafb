package io.mailstream.producer.cli;

import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiConfigLoader;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.producer.api.InvalidApiConfigException;
import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.http.ServerTls;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConfigException;
import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.OpsServerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream api --config FILE}: runs the transactional HTTP API until the process is stopped. */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Run the transactional mail HTTP API (POST /v1/messages, GET /v1/messages/{id}).")
public final class ApiCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "API configuration (YAML).")
    Path config;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL ...;"
            + " default: $" + KafkaClientSettings.ENV_VAR + "), merged under the API's own producer settings.")
    Path kafkaConfig;

    @Option(names = "--metrics-port", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "Port of /metrics and /health (0 = any free port, -1 = none; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate chain in this "
            + "PKCS12 (or .jks) file; its password from --tls-keystore-password-file or $" + ServerTls.PASSWORD_ENV + ".")
    Path tlsKeyStore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", description = "First line: the --tls-keystore password.")
    Path tlsPasswordFile;

    @Option(names = "--no-metrics", description = "Do not open the /metrics and /health port.")
    boolean noMetrics;

    public static final int DEFAULT_METRICS_PORT = 9403;

    @Spec
    CommandSpec spec;

    private final OpsServerFactory ops;

    public ApiCommand() {
        this(OpsServerFactory.disabled());
    }

    /** @param ops starts the /metrics and /health endpoint (the launcher passes its HTTP one) */
    public ApiCommand(OpsServerFactory ops) {
        this.ops = ops;
    }

    @Override
    public Integer call() throws InterruptedException {
        ApiConfig apiConfig;
        try {
            apiConfig = ApiConfigLoader.load(config).withKafkaSettings(KafkaClientSettings.resolve(kafkaConfig, System.getenv()))
                    .withTls(ServerTls.fromOptions("--tls-keystore", tlsKeyStore, tlsPasswordFile, System.getenv()));
            // registry settings of the file are checked now, not at the first request
            CleartextWarnings.log(apiConfig.kafka(), apiConfig.registry());
        } catch (InvalidApiConfigException | KafkaConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return CommandErrors.INVALID_INPUT;
        }
        if (metricsPort < OpsServerFactory.DISABLED_PORT || metricsPort > 65_535) {
            spec.commandLine().getErr().println("error: --metrics-port must be 0..65535 or -1 (none), was " + metricsPort);
            return CommandErrors.INVALID_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        OpsServer endpoint = ops.start("api", noMetrics ? OpsServerFactory.DISABLED_PORT : metricsPort);
        ApiServer server;
        try {
            server = ApiServer.start(apiConfig, Clock.systemUTC(), endpoint.registry());
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        endpoint.serveHealth(server.health());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            endpoint.close();
            stopped.countDown();
        }, "mailstream-api-shutdown"));
        spec.commandLine().getOut().println("mailstream api listening on port " + server.port()
                + (endpoint.port() < 0 ? "" : ", /metrics and /health on port " + endpoint.port()));
        spec.commandLine().getOut().flush();
        stopped.await();
        return CommandErrors.OK;
    }
}
