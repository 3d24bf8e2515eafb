package io.mailstream.bounces.cli;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bounces import PATH...}: feeds bounce mails kept in a maildir, an mbox or a folder of
 * .eml files into {@code mail.bounces.raw}, as if the receiver had got them (source
 * {@code import:<path>}). Keyed by the message id the classifier finds, else the recipient, else
 * the file name. Exit code 1 if any message was not acknowledged.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import bounce mails (maildir, mbox, .eml files or folders) into mail.bounces.raw.")
public class BounceImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders (recursive), maildirs or mbox files.")
    List<Path> paths;

    public BounceImportCommand() {
    }

    @Override
    public Integer call() throws Exception {
        AvroSerde<RawBounce> serde = AvroSerde.forValue(RawBounce.class, kafka.registry());
        BounceClassifier classifier = new BounceClassifier();
        Clock clock = Clock.systemUTC();
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailstream-bounces-import");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.connection().merge(p), new StringSerializer(), new ByteArraySerializer())) {
            for (MailSources.Source s : MailSources.expand(paths)) {
                RawBounce bounce = RawBounce.newBuilder()
                        .setReceivedAt(clock.instant())
                        .setEnvelopeFrom(null)
                        .setEnvelopeTo(List.of())
                        .setRemoteAddress(null)
                        .setSource("import:" + s.name())
                        .setMessage(ByteBuffer.wrap(s.bytes()))
                        .build();
                sent.add(producer.send(new ProducerRecord<>(Topics.BOUNCES_RAW, key(classifier, s),
                        serde.serializer().serialize(Topics.BOUNCES_RAW, bounce))));
            }
            producer.flush();
        }
        int failed = 0;
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failed++;
                spec.commandLine().getErr().println("not imported: " + e.getCause().getMessage());
            }
        }
        spec.commandLine().getOut().printf("imported %d of %d message(s) into %s%n", sent.size() - failed, sent.size(),
                Topics.BOUNCES_RAW);
        spec.commandLine().getOut().flush();
        return failed == 0 ? 0 : 1;
    }

    private static String key(BounceClassifier classifier, MailSources.Source s) {
        List<RecipientReport> recipients = classifier.classify(s.bytes()).recipients();
        for (RecipientReport r : recipients) {
            if (r.messageId().isPresent()) {
                return r.messageId().get();
            }
        }
        return recipients.isEmpty() || recipients.get(0).recipient().isEmpty() ? s.name() : recipients.get(0).recipient();
    }
}
