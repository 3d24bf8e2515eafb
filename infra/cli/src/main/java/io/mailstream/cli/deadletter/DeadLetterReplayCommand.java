package io.mailstream.cli.deadletter;

import io.mailstream.cli.KafkaClusterOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream dead-letter replay}: re-publishes the selected dead letters to the topic they
 * came from, after their cause is fixed. Safe to repeat: the dispatchers' sent-ledger skips a
 * message id that already has an outcome, and a table record written again changes nothing. Replays
 * nothing when a selected dead letter cannot be replayed (a truncated copy), saying why.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-publish selected dead letters to their original topic (from their headers) once the cause is fixed.")
public final class DeadLetterReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Mixin
    SelectionOptions select;

    @Option(names = "--dry-run", description = "Only print what would be replayed.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<DeadLetter> letters = DeadLetterTopic.read(kafka.connection(), select.selection(Clock.systemUTC()));
        if (letters.isEmpty()) {
            err.println("mailstream dead-letter replay: no dead letter matches; nothing replayed (see mailstream dead-letter list)");
            return 1;
        }
        List<String> refusals = letters.stream().map(Replay::refusal).flatMap(Optional::stream).toList();
        if (!refusals.isEmpty()) {
            refusals.forEach(r -> err.println("mailstream dead-letter replay: " + r));
            err.println("nothing replayed; leave these out with --offset or --reason");
            return 1;
        }
        if (dryRun) {
            letters.forEach(d -> out.println("would replay " + d.position() + " to " + d.source().orElseThrow().topic()
                    + " (was " + d.source().orElseThrow().asString() + ", " + d.reason() + ")"));
            return 0;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailstream-cli-dead-letter-replay");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.connection().merge(p), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (DeadLetter d : letters) {
                // One at a time, acknowledged before the next: a failure says exactly what was replayed before it.
                RecordMetadata m = producer.send(Replay.of(d)).get();
                out.println("replayed " + d.position() + " to " + m.topic() + "-" + m.partition() + "@" + m.offset()
                        + " (was " + d.source().orElseThrow().asString() + ", " + d.reason() + ")");
            }
        }
        out.println(letters.size() + " dead letter(s) replayed");
        return 0;
    }
}
