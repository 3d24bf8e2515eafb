package io.mailstream.tracking.cli;

import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.classify.MachineDetector;
import io.mailstream.tracking.events.KafkaEngagementSink;
import io.mailstream.tracking.http.TrackingServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream tracking}: the click and open tracking endpoint (issue 18), a stateless service writing {@code mail.engagement}. */
@Command(name = "tracking", mixinStandardHelpOptions = true,
        description = "Run the click and open tracking endpoint: /c/TOKEN redirects, /o/TOKEN serves the pixel; events go to mail.engagement.")
public final class TrackingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + TrackingConfig.DEFAULT_PORT, description = "HTTP port (0 = any free; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--verp-keys", paramLabel = "FILE", description = "The dispatchers' signing keys (<id>:<base64> per line; default: $"
            + VerpKeys.ENV + ").")
    Path verpKeys;

    @Option(names = "--keep-ip", description = "Write the client's IP address into events (default: only its coarse class).")
    boolean keepIp;

    @Option(names = "--keep-user-agent", description = "Write the User-Agent into events (default: only its coarse class).")
    boolean keepUserAgent;

    @Option(names = "--machine-min-delay", defaultValue = "PT2S", description = "Requests sooner than this after the message was "
            + "sent count as machines (scanners, prefetch; ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration machineMinDelay = MachineDetector.DEFAULT_MIN_DELAY;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers of --kafka-config, else localhost:9092).")
    String bootstrapServers;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL …; default: $"
            + KafkaClientSettings.ENV_VAR + ").")
    Path kafkaConfig;

    @Option(names = "--schema-registry", description = "Schema registry URL (default: schema.registry.url of --kafka-config, else http://localhost:8081).")
    String schemaRegistry;

    @Override
    public Integer call() throws Exception {
        TrackingConfig config;
        KafkaConnection kafka;
        SchemaRegistryConfig registry;
        try {
            config = new TrackingConfig(bind, port, VerpKeys.load(Optional.ofNullable(verpKeys), System.getenv()),
                    new TrackingConfig.Privacy(keepIp, keepUserAgent), machineMinDelay);
            KafkaClientSettings settings = KafkaClientSettings.resolve(kafkaConfig, System.getenv());
            kafka = KafkaConnection.resolve(bootstrapServers, settings);
            registry = settings.registry(schemaRegistry);
            CleartextWarnings.log(kafka);
            CleartextWarnings.log(registry);
        } catch (MailstreamException | IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        KafkaEngagementSink sink = new KafkaEngagementSink(kafka, new RestSchemaRegistryClient(registry));
        TrackingServer server;
        try {
            server = TrackingServer.start(config, sink, Clock.systemUTC());
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            sink.close();
            stopped.countDown();
        }, "mailstream-tracking-shutdown"));
        spec.commandLine().getOut().printf("tracking endpoint running on port %d (clicks /c/TOKEN, opens /o/TOKEN, /health); Ctrl-C to stop%n",
                server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
