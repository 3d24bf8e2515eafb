package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests agree with each other and with the code, KEDA's trigger above all. */
class K8sManifestsTest {
    private static final Pattern HOST_PORT = Pattern.compile("(?<![A-Za-z0-9.-])([a-z][a-z0-9-]*)(?:\\.[a-z0-9.-]+)?:(\\d{2,5})(?![\\d.])");

    private static List<JsonNode> docs;

    @BeforeAll
    static void read() {
        docs = DeployYaml.k8sDocuments();
    }

    @Test
    void kedaShouldScaleTheDispatcherDeploymentOnItsDefaultGroupOverOutbound() {
        JsonNode scaled = one("ScaledObject", "mailstream-dispatcher");
        JsonNode dispatcher = one("Deployment", scaled.path("spec").path("scaleTargetRef").path("name").asText());
        JsonNode trigger = scaled.path("spec").path("triggers").get(0);

        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        JsonNode meta = trigger.path("metadata");
        assertThat(meta.path("consumerGroup").asText()).isEqualTo(DispatcherConfig.DEFAULT_GROUP_ID);
        assertThat(meta.path("topic").asText()).isEqualTo(Topics.OUTBOUND);
        assertThat(meta.path("bootstrapServers").asText()).isEqualTo(config().get("KAFKA_BOOTSTRAP_SERVERS"));
        // more replicas than partitions would sit idle
        assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).isBetween(1, Topics.DEFAULT_OUTBOUND_PARTITIONS);

        CliInvocation inv = DeployInvocations.k8s(docs).get(dispatcher.path("metadata").path("name").asText());
        assertThat(inv.commandPath()).isEqualTo("dispatcher");
        assertThat(inv.value("--group-id").orElse(DispatcherConfig.DEFAULT_GROUP_ID)).isEqualTo(meta.path("consumerGroup").asText());
        assertThat(inv.value("--bootstrap-servers")).contains(meta.path("bootstrapServers").asText());

        String auth = trigger.path("authenticationRef").path("name").asText(null);
        if (auth != null) {
            // the Secret is made by kafka-clients.sh from the dispatcher's Strimzi user, not committed
            String script = read(DeployYaml.K8S.resolve("kafka-clients.sh"));
            JsonNode ta = one("TriggerAuthentication", auth);
            ta.path("spec").path("secretTargetRef").forEach(ref -> {
                assertThat(script).contains("create secret generic " + ref.path("name").asText() + " ");
                String key = ref.path("key").asText();
                assertThat(script.contains("--from-literal=" + key + "=") || script.contains("--from-file=" + key + "="))
                        .as("kafka-clients.sh writes key %s", ref).isTrue();
            });
        }
    }

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void servicesShouldSelectADeploymentAndTargetOneOfItsContainerPorts() {
        List<String> problems = new ArrayList<>();
        for (JsonNode svc : kind("Service")) {
            String name = svc.path("metadata").path("name").asText();
            Map<String, String> selector = map(svc.path("spec").path("selector"));
            List<JsonNode> matching = kind("Deployment").stream()
                    .filter(d -> map(d.path("spec").path("template").path("metadata").path("labels")).entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (matching.size() != 1) {
                problems.add("Service " + name + " selects " + matching.size() + " Deployments");
                continue;
            }
            for (JsonNode port : svc.path("spec").path("ports")) {
                String target = port.path("targetPort").asText(port.path("port").asText());
                boolean found = false;
                for (JsonNode c : matching.get(0).path("spec").path("template").path("spec").path("containers")) {
                    for (JsonNode cp : c.path("ports")) {
                        found |= target.equals(cp.path("name").asText()) || target.equals(cp.path("containerPort").asText());
                    }
                }
                if (!found) {
                    problems.add("Service " + name + " targets port " + target + ", which no container of its Deployment declares");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void urlsNamingAServiceShouldUseOneOfItsPortsAndListenOptionsAContainerPort() {
        Map<String, List<Integer>> servicePorts = new HashMap<>();
        kind("Service").forEach(s -> {
            List<Integer> ports = new ArrayList<>();
            s.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asInt()));
            servicePorts.put(s.path("metadata").path("name").asText(), ports);
        });
        List<String> problems = new ArrayList<>();
        for (JsonNode d : docs) {
            for (String v : DeployYaml.strings(d)) {
                Matcher m = HOST_PORT.matcher(v);
                while (m.find()) {
                    List<Integer> ports = servicePorts.get(m.group(1));
                    if (ports != null && !ports.contains(Integer.parseInt(m.group(2)))) {
                        problems.add(v + " names Service " + m.group(1) + " with a port it does not have " + ports);
                    }
                }
            }
        }
        DeployInvocations.k8s(docs).forEach((deployment, inv) -> {
            List<Integer> containerPorts = new ArrayList<>();
            one("Deployment", deployment).path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> c.path("ports").forEach(p -> containerPorts.add(p.path("containerPort").asInt())));
            inv.value("--port").ifPresent(p -> {
                if (!containerPorts.contains(Integer.parseInt(p))) {
                    problems.add(deployment + ": --port " + p + " is not a containerPort " + containerPorts);
                }
            });
            if (inv.value("--smtp-host").isEmpty()) {
                inv.value("--smtp-port").ifPresent(p -> {
                    if (!containerPorts.contains(Integer.parseInt(p))) {
                        problems.add(deployment + ": listens for SMTP on " + p + ", not a containerPort " + containerPorts);
                    }
                });
            }
        });
        assertThat(problems).isEmpty();
    }

    private static Map<String, String> config() {
        return map(one("ConfigMap", "mailstream-config").path("data"));
    }

    private static List<JsonNode> kind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode one(String kind, String name) {
        List<JsonNode> found = kind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).toList();
        assertThat(found).as("%s %s in infra/k8s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
