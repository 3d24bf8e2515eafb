package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.dispatcher.config.DispatcherConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ports in the compose stack agree: every {@code host:port} that names a compose service points at
 * a port that service exposes, services listen where they say they do, and options that name a
 * port ({@code --smtp-port}, {@code --port}) match the service they point at.
 */
class ComposePortsTest {
    private static final Pattern HOST_PORT = Pattern.compile("(?<![A-Za-z0-9.-])([a-z][a-z0-9-]*):(\\d{2,5})(?![\\d.])");
    private static final Pattern ANY_PORT = Pattern.compile(":(\\d{2,5})(?![\\d.])");

    private static JsonNode compose;
    private static Map<String, Set<Integer>> exposed;

    @BeforeAll
    static void read() {
        compose = DeployYaml.read(DeployYaml.COMPOSE.resolve("docker-compose.yml"));
        exposed = new HashMap<>();
        compose.get("services").properties().forEach(e -> {
            Set<Integer> ports = new HashSet<>();
            e.getValue().path("expose").forEach(p -> ports.add(Integer.parseInt(p.asText())));
            exposed.put(e.getKey(), ports);
        });
    }

    @Test
    void everyHostPortNamingAServiceShouldHitAnExposedPort() {
        List<String> problems = new ArrayList<>();
        compose.get("services").properties().forEach(e ->
                checkReferences("service " + e.getKey(), DeployYaml.strings(e.getValue()), problems));
        for (Path f : List.of(DeployYaml.COMPOSE.resolve("prometheus/prometheus.yml"),
                DeployYaml.COMPOSE.resolve("grafana/provisioning/datasources/prometheus.yml"))) {
            checkReferences(f.getFileName().toString(), DeployYaml.strings(DeployYaml.read(f)), problems);
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void servicesShouldListenOnThePortsTheyExpose() {
        Map<String, String> listenSettings = Map.of(
                "KAFKA_LISTENERS", "kafka-1", "SCHEMA_REGISTRY_LISTENERS", "schema-registry",
                "MP_SMTP_BIND_ADDR", "mailpit", "MP_UI_BIND_ADDR", "mailpit");
        List<String> problems = new ArrayList<>();
        for (String service : List.of("kafka-1", "kafka-2", "kafka-3", "schema-registry", "mailpit")) {
            compose.path("services").path(service).path("environment").properties().forEach(env -> {
                if (listenSettings.containsKey(env.getKey())) {
                    Matcher m = ANY_PORT.matcher(env.getValue().asText());
                    while (m.find()) {
                        if (!exposed.get(service).contains(Integer.parseInt(m.group(1)))) {
                            problems.add(service + " listens on " + m.group(1) + " (" + env.getKey() + ") but does not expose it");
                        }
                    }
                }
            });
        }
        compose.get("services").properties().forEach(e -> e.getValue().path("ports").forEach(p -> {
            String[] parts = p.asText().split(":");
            int container = Integer.parseInt(parts[parts.length - 1]);
            if (!exposed.get(e.getKey()).contains(container)) {
                problems.add(e.getKey() + " publishes " + p.asText() + " but does not expose " + container);
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void portOptionsShouldMatchTheServicesTheyPointAt() {
        Map<String, CliInvocation> services = DeployInvocations.compose(compose);
        assertThat(services).containsKeys("dispatcher", "bounce-processor", "api");
        List<String> problems = new ArrayList<>();
        services.forEach((name, inv) -> {
            // --smtp-port is where --smtp-host listens; without --smtp-host it is the service's own SMTP port
            String smtpHost = inv.value("--smtp-host").orElse(name);
            inv.value("--smtp-port").ifPresent(p -> {
                if (!exposed.getOrDefault(smtpHost, Set.of()).contains(Integer.parseInt(p))) {
                    problems.add(name + ": --smtp-port " + p + " is not a port " + smtpHost + " exposes " + exposed.get(smtpHost));
                }
            });
            inv.value("--port").ifPresent(p -> {
                if (!exposed.get(name).contains(Integer.parseInt(p))) {
                    problems.add(name + ": --port " + p + " is not exposed " + exposed.get(name));
                }
            });
            inv.value("--group-id").ifPresent(g -> {
                if (name.equals("dispatcher") && !g.equals(DispatcherConfig.DEFAULT_GROUP_ID)) {
                    problems.add("dispatcher runs group " + g + ", not " + DispatcherConfig.DEFAULT_GROUP_ID
                            + " (the group the dashboards and lag alerts watch)");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void grafanaShouldProvisionAMailstreamDashboardOfLagThroughputAndBounces() {
        JsonNode dashboard = DeployYaml.readJson(DeployYaml.COMPOSE.resolve("grafana/dashboards/mailstream.json"));
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).anyMatch(e -> e.contains("kafka_consumergroup_lag"))
                .anyMatch(e -> e.contains("rate(") && e.contains("mail.outbound"))
                .anyMatch(e -> e.contains("mail.bounces.raw"));
        String path = DeployYaml.read(DeployYaml.COMPOSE.resolve("grafana/provisioning/dashboards/mailstream.yml"))
                .path("providers").get(0).path("options").path("path").asText();
        assertThat(DeployYaml.strings(compose.path("services").path("grafana").path("volumes")))
                .anyMatch(v -> v.startsWith("./grafana/dashboards:" + path));
    }

    private static void checkReferences(String where, List<String> values, List<String> problems) {
        for (String v : values) {
            Matcher m = HOST_PORT.matcher(v);
            while (m.find()) {
                String host = m.group(1);
                if (exposed.containsKey(host) && !exposed.get(host).contains(Integer.parseInt(m.group(2)))) {
                    problems.add(where + " points at " + host + ":" + m.group(2) + " but " + host + " exposes " + exposed.get(host));
                }
            }
        }
    }
}
