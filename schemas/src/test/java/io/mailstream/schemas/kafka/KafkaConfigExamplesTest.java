package io.mailstream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The copy-paste examples of the README's "Connecting to your Kafka" (its {@code properties}
 * blocks) pass the start-up checks and, but for MSK IAM (whose login module is not on our class
 * path), Kafka's own validation of consumer and producer configs. Key and trust stores are
 * stand-in files here.
 */
class KafkaConfigExamplesTest {
    private static final Path README = Path.of("../README.md");
    private static final Pattern BLOCK = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    static List<String> examples() throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(README));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("properties examples in the README").hasSizeGreaterThanOrEqualTo(5);
        return blocks;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyReadmeExampleShouldLoadAndBeAValidKafkaClientConfig(String example) throws IOException {
        Path store = Files.writeString(dir.resolve("store.p12"), "stand-in");
        String text = example.lines()
                .map(line -> line.matches("^[a-z.]+\\.location=.*") ? line.substring(0, line.indexOf('=') + 1) + store : line)
                .collect(Collectors.joining("\n"));
        Path copy = Files.writeString(dir.resolve("example.properties"), text);

        KafkaClientSettings settings = KafkaClientSettings.load(copy);
        KafkaConnection kafka = KafkaConnection.resolve(null, settings);

        assertThat(kafka.bootstrapServers()).doesNotStartWith("localhost");
        assertThat(settings.registry(null).url().getScheme()).isIn("http", "https");
        if (!example.contains("AWS_MSK_IAM")) {
            new ConsumerConfig(kafka.merge(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
            new ProducerConfig(kafka.merge(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        }
    }
}
