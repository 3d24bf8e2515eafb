package io.mailstream.cli.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.avro.MailMessage;
import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.serde.AvroSerde;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream dead-letter list}: one line per dead letter, or one JSON object with {@code --json}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List dead letters: position, time, reason, original topic/partition/offset, message id (when readable), error.")
public final class DeadLetterListCommand implements Callable<Integer> {
    private static final int ERROR_WIDTH = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Mixin
    SelectionOptions select;

    @Option(names = "--schema-registry", description = "Schema registry URL, to show message ids (default: schema.registry.url "
            + "of --kafka-config, else http://localhost:8081).")
    String schemaRegistry;

    @Option(names = "--json", description = "Print one JSON object: {\"deadLetters\":[...]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<DeadLetter> letters = DeadLetterTopic.read(kafka.connection(), select.selection(Clock.systemUTC()));
        MessageIds ids = new MessageIds(AvroSerde.forValue(MailMessage.class,
                new RestSchemaRegistryClient(kafka.registry(schemaRegistry))));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ArrayNode array = root.putArray("deadLetters");
            for (DeadLetter d : letters) {
                ObjectNode n = array.addObject();
                n.put("partition", d.partition());
                n.put("offset", d.offset());
                n.put("time", d.time().toString());
                n.put("reason", d.reason());
                d.source().ifPresent(s -> {
                    n.put("sourceTopic", s.topic());
                    n.put("sourcePartition", s.partition());
                    n.put("sourceOffset", s.offset());
                });
                ids.of(d).ifPresent(id -> n.put("messageId", id));
                n.put("truncated", d.truncatedFrom().isPresent());
                n.put("error", d.error());
            }
            out.println(mapper.writeValueAsString(root));
            return 0;
        }
        out.printf("%-10s %-24s %-14s %-36s %-40s %s%n", "POSITION", "TIME", "REASON", "SOURCE", "MESSAGE-ID", "ERROR");
        for (DeadLetter d : letters) {
            String error = d.error().length() > ERROR_WIDTH ? d.error().substring(0, ERROR_WIDTH - 3) + "..." : d.error();
            out.printf("%-10s %-24s %-14s %-36s %-40s %s%n", d.position(), d.time(), d.reason()
                            + (d.truncatedFrom().isPresent() ? "*" : ""),
                    d.source().map(DeadLetter.Source::asString).orElse("-"), ids.of(d).orElse("-"), error);
        }
        out.println(letters.size() + " dead letter(s)" + (letters.size() == select.limit ? " (--limit reached)" : "")
                + (letters.stream().anyMatch(d -> d.truncatedFrom().isPresent()) ? "; * truncated copy, cannot be replayed" : ""));
        return 0;
    }
}
