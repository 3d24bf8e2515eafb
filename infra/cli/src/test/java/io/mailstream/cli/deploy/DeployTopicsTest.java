package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.topics.TopicSpec;
import io.mailstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Topic names in the deploy files are the ones {@link Topics} declares, and kafka-init creates them as declared. */
class DeployTopicsTest {
    /** A topic-like word: mail.something, not part of a host name or address. */
    private static final Pattern TOPIC = Pattern.compile("(?<![A-Za-z0-9@._-])mail\\.[a-z0-9][a-z0-9._-]*[a-z0-9]");
    private static final Pattern CREATE = Pattern.compile(
            "kafka-topics\\.sh [^\\n]*--create[^\\n]*--topic (\\S+) --partitions (\\d+)[^\\n]*?((?: --config \\S+)*)\\s*(?:&&)?\\s*$",
            Pattern.MULTILINE);

    @Test
    void everyTopicNamedInComposeK8sPrometheusOrGrafanaShouldExistInTopics() throws IOException {
        Set<String> known = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        known.add(Topics.SCHEMAS);
        Map<String, Set<String>> usedBy = new LinkedHashMap<>();
        for (Path f : deployFiles()) {
            Matcher m = TOPIC.matcher(Files.readString(f));
            while (m.find()) {
                usedBy.computeIfAbsent(m.group(), t -> new TreeSet<>()).add(DeployYaml.INFRA.relativize(f).toString());
            }
        }
        assertThat(usedBy).as("topics named in the deploy files").containsKeys(Topics.OUTBOUND, Topics.BOUNCES_RAW);
        // a prefix ACL (mail.retry. in kafka-users.strimzi.yaml) names the topics that start with it
        Set<String> undeclared = usedBy.keySet().stream()
                .filter(t -> !known.contains(t) && known.stream().noneMatch(k -> k.startsWith(t + ".")))
                .collect(Collectors.toSet());
        assertThat(undeclared).as("topic names used by %s that Topics does not declare", usedBy).isEmpty();
    }

    @Test
    void kafkaInitShouldCreateEveryTopicWithTheDeclaredPartitionsAndConfigs() {
        assertCreatesEveryTopic(DeployYaml.read(DeployYaml.COMPOSE.resolve("docker-compose.yml"))
                .path("services").path("kafka-init").path("command").get(0).asText());
    }

    @Test
    void theSecuredKafkaInitShouldCreateEveryTopicToo() throws IOException {
        assertCreatesEveryTopic(Files.readString(DeployYaml.COMPOSE.resolve("secure/kafka-init.sh")));
    }

    private static void assertCreatesEveryTopic(String script) {
        List<TopicSpec> created = new ArrayList<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            Map<String, String> configs = new LinkedHashMap<>();
            for (String c : m.group(3).trim().split("\\s*--config\\s+")) {
                if (!c.isBlank()) {
                    configs.put(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1));
                }
            }
            created.add(new TopicSpec(m.group(1), Integer.parseInt(m.group(2)),
                    TopicSpec.CleanupPolicy.ofConfigValue(configs.get("cleanup.policy")),
                    java.util.Optional.ofNullable(configs.get("retention.ms")).map(ms -> java.time.Duration.ofMillis(Long.parseLong(ms)))));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.all(Topics.DEFAULT_OUTBOUND_PARTITIONS));
    }

    static List<Path> deployFiles() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(DeployYaml.COMPOSE), Files.walk(DeployYaml.K8S))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
                    .sorted().toList();
        }
    }
}
