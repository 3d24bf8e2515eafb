package io.mailstream.bounces.cli;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.mailbox.AfterIngest;
import io.mailstream.bounces.mailbox.MailboxBounces;
import io.mailstream.bounces.mailbox.MailboxConfig;
import io.mailstream.bounces.mailbox.MailboxCounters;
import io.mailstream.bounces.mailbox.MailboxException;
import io.mailstream.bounces.mailbox.MailboxIngestion;
import io.mailstream.bounces.mailbox.MailboxPassword;
import io.mailstream.bounces.mailbox.MailboxPoller;
import io.mailstream.bounces.mailbox.MailboxProtocol;
import io.mailstream.bounces.mailbox.MailboxTls;
import io.mailstream.bounces.mailbox.PollResult;
import io.mailstream.bounces.receive.KafkaRawBounceSink;
import io.mailstream.bounces.receive.RawBounceProducerSettings;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.receive.RecipientPolicy;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bounces imap} / {@code bounces pop3}: polls a hosted bounce mailbox and feeds each message
 * into {@code mail.bounces.raw} like the SMTP receiver, deleting, flagging or moving it only after
 * Kafka acknowledged it. With {@code --once}: one poll, exit code 1 if any message was left for later.
 */
abstract class MailboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--host", required = true, description = "Mailbox server host name.")
    String host;

    @Option(names = "--port", description = "Server port (default: 993 / 995 with --tls implicit, else 143 / 110).")
    Integer port;

    @Option(names = "--tls", defaultValue = "implicit", description = "none, starttls or implicit (default: ${DEFAULT-VALUE}).",
            converter = TlsConverter.class)
    MailboxTls tls;

    @Option(names = "--user", required = true, description = "Login name.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password (else $--password-env).")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = MailboxPassword.DEFAULT_ENV,
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--poll-interval", defaultValue = "PT1M", description = "Time between polls, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--max-message-bytes", defaultValue = "" + ReceiverConfig.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Larger messages are refused: flagged and left in the mailbox (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--max-record-bytes", defaultValue = "" + ReceiverConfig.DEFAULT_MAX_RECORD_BYTES,
            description = "Larger messages are stored shortened to fit the topic (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--max-messages-per-poll", defaultValue = "" + MailboxConfig.DEFAULT_MAX_MESSAGES_PER_POLL,
            description = "Messages looked at per poll (default: ${DEFAULT-VALUE}).")
    int maxMessagesPerPoll;

    @Option(names = "--ack-timeout", defaultValue = "PT30S", description = "How long to wait for Kafka per message (default: ${DEFAULT-VALUE}).")
    Duration ackTimeout;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "Mailbox connect and read timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--bounce-domain", required = true, description = "Domain of the signed return paths bounces+<id>.<key>-<mac>@<domain>.")
    String bounceDomain;

    @Option(names = "--verp-keys", paramLabel = "FILE", description = "File of the keys that verify signed return paths (default: $"
            + VerpKeys.ENV + ").")
    Path verpKeys;

    @Option(names = "--feedback-address", paramLabel = "ADDRESS", description = "Feedback-loop address also accepted (repeatable).")
    List<String> feedbackAddresses = List.of();

    @Option(names = "--once", description = "Poll once and exit (1 if any message was left for a later poll or the mailbox failed).")
    boolean once;

    /** Where the environment comes from; tests replace it. */
    Map<String, String> env = System.getenv();

    abstract MailboxProtocol protocol();

    /** The folder and what happens after acknowledgement: fixed for POP3. */
    abstract MailboxConfig folderAndAfter(MailboxConfig base);

    MailboxConfig config() {
        MailboxConfig base = new MailboxConfig(protocol(), host, port == null ? protocol().defaultPort(tls) : port, tls, user,
                MailboxPassword.load(Optional.ofNullable(passwordFile), passwordEnv, env), MailboxConfig.DEFAULT_FOLDER,
                pollInterval, AfterIngest.DELETE, MailboxConfig.DEFAULT_PROCESSED_FOLDER, maxMessageBytes, maxRecordBytes,
                maxMessagesPerPoll, ackTimeout, timeout);
        return folderAndAfter(base);
    }

    @Override
    public Integer call() throws Exception {
        MailboxConfig config = config();
        var connection = kafka.connection();
        SignedVerp returnPaths = new SignedVerp(Domain.of(bounceDomain), VerpKeys.load(Optional.ofNullable(verpKeys), env));
        RecipientPolicy policy = new RecipientPolicy(returnPaths,
                feedbackAddresses.stream().map(EmailAddress::parse).collect(Collectors.toSet()));
        MailboxCounters counters = new MailboxCounters();
        var producer = new KafkaProducer<>(connection.merge(RawBounceProducerSettings.of("mailstream-bounces-" + protocol().label(),
                config.ackTimeout(), config.maxRecordBytes())), new StringSerializer(), new ByteArraySerializer());
        KafkaRawBounceSink sink = new KafkaRawBounceSink(producer, AvroSerde.forValue(RawBounce.class, kafka.registry()),
                config.ackTimeout(), config.maxRecordBytes());
        MailboxPoller poller = new MailboxPoller(config, new MailboxBounces(policy, Clock.systemUTC(), config.source(),
                config.host()), sink, counters);
        if (once) {
            try (sink) {
                return pollOnce(poller, config);
            }
        }
        MailboxIngestion ingestion = MailboxIngestion.start(poller, config);
        CountDownLatch stopped = new CountDownLatch(1);
        // the hook does the stopping: the JVM halts once hooks end, so the running poll's mailbox updates finish first
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ingestion.close();
            sink.close();
            stopped.countDown();
        }, "mailstream-bounces-" + protocol().label() + "-shutdown"));
        spec.commandLine().getOut().printf("polling %s every %s; Ctrl-C to stop%n", config.source(), config.pollInterval());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private int pollOnce(MailboxPoller poller, MailboxConfig config) {
        try {
            PollResult r = poller.pollOnce();
            spec.commandLine().getOut().printf("%s: %d stored, %d refused, %d left for a later poll%n", config.source(),
                    r.stored(), r.refused(), r.deferred());
            spec.commandLine().getOut().flush();
            return r.kafkaFailed() ? 1 : 0;
        } catch (MailboxException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    static final class TlsConverter implements picocli.CommandLine.ITypeConverter<MailboxTls> {
        @Override
        public MailboxTls convert(String value) {
            return MailboxTls.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class AfterConverter implements picocli.CommandLine.ITypeConverter<AfterIngest> {
        @Override
        public AfterIngest convert(String value) {
            return AfterIngest.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
