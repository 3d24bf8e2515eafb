package io.mailstream.cli.stack;

import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.embedded.kafka.EmbeddedKafkaConfig;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the embedded stack in the foreground so that other commands and services can be pointed
 * at it; Ctrl-C (or SIGTERM) stops it cleanly.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Run the embedded stack (KRaft broker, schema registry, SMTP sink) in the foreground.")
public final class StackCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Keep the broker's log here across restarts (default: a temporary directory).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--smtp-port", defaultValue = "2525", description = "SMTP sink port (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of the outbound topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--secure", description = "SASL_SSL (SCRAM-SHA-512) with a generated CA, one user per service with the ACLs of "
            + "'topics --print-acls', the registry on HTTPS with basic auth; writes a client properties file per service.")
    boolean secure;

    @Option(names = "--secure-dir", description = "With --secure: where the certificates and the client properties files go "
            + "(default: a new temporary directory; the files hold passwords and are readable by their owner only).")
    Path secureDir;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        EmbeddedKafkaConfig kafka = new EmbeddedKafkaConfig(Optional.ofNullable(dataDir), kafkaPort, 0, false,
                EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT, Map.of());
        SmtpSinkConfig smtp = new SmtpSinkConfig(smtpPort, "localhost", false, SmtpSinkConfig.DEFAULT_MAX_KEPT_MESSAGES, List.of());
        EmbeddedStackConfig config = new EmbeddedStackConfig(kafka, partitions, registryPort, smtp, false);
        Optional<SecureStackSetup> secured = Optional.empty();
        Path filesDir = null;
        if (secure && dataDir != null) {
            // SCRAM users are stored when the log is formatted: a kept log would keep the first run's passwords
            System.err.println("mailstream stack: --secure makes new users and passwords on every start; it cannot reuse the "
                    + "broker log of --data-dir. Drop --data-dir (the secured stack starts empty).");
            return 2;
        }
        if (secure) {
            filesDir = secureDir != null ? secureDir : java.nio.file.Files.createTempDirectory("mailstream-secure-");
            secured = Optional.of(SecureStackSetup.generate(filesDir.resolve("tls"), ServiceAcls.defaults()));
            config = config.withSecurity(secured.get().stackConfig());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // The JVM exits when the hook returns, so the hook waits until the stack has closed cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mailstream-stack-shutdown"));
        InProcessLogLevels.quietStartupRaces();
        try (EmbeddedStack stack = EmbeddedStack.start(config)) {
            System.out.println("mailstream embedded stack is up (Ctrl-C to stop)");
            System.out.println("  bootstrap servers : " + stack.bootstrapServers());
            System.out.println("  schema registry   : " + stack.schemaRegistryUrl());
            System.out.println("  SMTP sink         : " + stack.smtpHost() + ":" + stack.smtpPort());
            System.out.println("  log dir           : " + stack.kafka().logDir());
            if (secured.isPresent()) {
                SecureStackSetup setup = secured.get();
                Map<MailstreamService, Path> files = setup.writeClientFiles(filesDir, stack.bootstrapServers(),
                        stack.schemaRegistryUrl());
                System.out.println("  security          : SASL_SSL (SCRAM-SHA-512), ACLs per service, registry HTTPS + basic auth");
                System.out.println("  CA trust store    : " + setup.security().tls().trustStore());
                files.forEach((service, file) -> System.out.printf("  %-18s: %s (user %s)%n", service.id() + " config", file,
                        setup.user(service)));
                System.out.println("e.g. MAILSTREAM_KAFKA_CONFIG=" + files.get(MailstreamService.CAMPAIGNS)
                        + " ./mailstream campaign launch examples/welcome/campaign.yaml");
            } else {
                System.out.println("e.g. ./mailstream campaign launch examples/welcome/campaign.yaml --bootstrap-servers "
                        + stack.bootstrapServers() + " --schema-registry " + stack.schemaRegistryUrl());
            }
            System.out.flush();
            while (!stopped.await(60, TimeUnit.SECONDS)) {
                System.out.println("  SMTP sink received " + stack.sink().count() + " messages so far");
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
