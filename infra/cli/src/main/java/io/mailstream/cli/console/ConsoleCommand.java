package io.mailstream.cli.console;

import io.mailstream.bounces.guard.GuardConfig;
import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.console.health.HealthEndpoint;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream console}: the operators' web console (issue 17), until interrupted. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serve the web console: campaigns, domains, deliverability, lag, suppressions, transactional lookups.")
public final class ConsoleCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "MAILSTREAM_CONSOLE_TOKEN";
    static final String SUPPRESSIONS_TOKEN_ENV = "MAILSTREAM_SUPPRESSIONS_TOKEN";

    @Mixin
    KafkaClusterOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8088", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = ConsoleConfig.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than loopback requires --token.")
    String bind;

    @Option(names = "--token", description = "Token every request must carry (bearer, basic auth password or the login form; "
            + "default: $" + TOKEN_ENV + ").")
    String token;

    @Option(names = "--schema-registry", description = "Schema registry URL (default: schema.registry.url of --kafka-config, "
            + "else http://localhost:8081).")
    String schemaRegistry;

    @Option(names = "--suppressions-url", description = "The bounce processor's suppression API, e.g. http://localhost:8090 "
            + "(the suppression page is off without it).")
    URI suppressionsUrl;

    @Option(names = "--suppressions-token", description = "The suppression API's token (default: $" + SUPPRESSIONS_TOKEN_ENV + ").")
    String suppressionsToken;

    @Option(names = "--health", paramLabel = "NAME=URL", description = "A service's ops port whose /health/ready the lag page "
            + "shows, e.g. dispatcher-1=http://10.0.0.5:9401 (repeatable; default: none, readiness from the consumer groups only).")
    Map<String, URI> health = new LinkedHashMap<>();

    @Option(names = "--guard-window", defaultValue = "PT1H", description = "The bounce processor's guard.window: the campaign "
            + "page shows each provider's rates within it, as the campaign guard judges them (ISO-8601, at least PT1M; "
            + "default: ${DEFAULT-VALUE}).")
    Duration guardWindow;

    @Override
    public Integer call() throws Exception {
        if (guardWindow.compareTo(GuardConfig.MIN_WINDOW) < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--guard-window must be at least " + GuardConfig.MIN_WINDOW + ", was " + guardWindow);
        }
        ConsoleConfig config = new ConsoleConfig(bind, port,
                Optional.ofNullable(token).or(() -> Optional.ofNullable(System.getenv(TOKEN_ENV))),
                Optional.ofNullable(suppressionsUrl),
                Optional.ofNullable(suppressionsToken).or(() -> Optional.ofNullable(System.getenv(SUPPRESSIONS_TOKEN_ENV))),
                health.entrySet().stream().map(e -> new HealthEndpoint(e.getKey(), e.getValue())).toList());
        var connection = kafka.connection();
        var registry = new RestSchemaRegistryClient(kafka.registry(schemaRegistry));
        CountDownLatch stop = new CountDownLatch(1);
        try (ConsoleAssembly console = ConsoleAssembly.start(config, connection, registry, guardWindow)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "mailstream-console-shutdown"));
            System.out.println("console: " + console.url() + (config.token().isPresent() ? " (token required)" : ""));
            stop.await();
        }
        return 0;
    }
}
