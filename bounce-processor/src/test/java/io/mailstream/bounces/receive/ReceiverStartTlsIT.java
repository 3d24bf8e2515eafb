package io.mailstream.bounces.receive;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.StartTlsClient;
import io.mailstream.bounces.support.TestKeystore;
import io.mailstream.bounces.support.TopicReader;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A bounce delivered over STARTTLS by Jakarta Mail lands in mail.bounces.raw (embedded stack). */
class ReceiverStartTlsIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path dir;

    @Test
    void aBounceSentOverRequiredStartTlsShouldBeStoredInTheRawTopic() throws Exception {
        TestKeystore keystore = TestKeystore.create(Files.createDirectories(dir.resolve("tls")));
        ReceiverConfig receiver = ReceiverConfig.of(RETURN_PATHS, 0)
                .withTls(new ReceiverTls(keystore.file(), TestKeystore.PASSWORD, true));
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), receiver)
                .withStateDir(dir.resolve("state"))
                .withApplicationId("bounce-tls-it-" + UUID.randomUUID());
        AvroSerde<RawBounce> raw = AvroSerde.forValue(RawBounce.class,
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())));

        try (BounceProcessor processor = BounceProcessor.start(config)) {
            StartTlsClient.send(processor.smtpPort(), keystore.clientContext(), "mailer-daemon@mx.example.net",
                    verp("msg-tls-1"),
                    SampleBounces.dsn("gone@example.org", "msg-tls-1", "5.1.1", "550 5.1.1 <gone@example.org>: user unknown"));
            // Transport.send returned after 250, which the receiver answers only after acks=all
            assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.BOUNCES_RAW))
                    .filteredOn(r -> "msg-tls-1".equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(raw.decode(r).getEnvelopeTo()).containsExactly(verp("msg-tls-1")));
        }
    }
}
