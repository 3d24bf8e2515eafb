package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.cli.acl.StrimziKafkaUsers;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests run each service as its own Kafka principal: the Strimzi users are exactly
 * {@code topics --print-acls}' set, and every Deployment reads its own client file.
 */
class K8sPrincipalsTest {

    @Test
    void theStrimziUsersShouldBeWhatPrintAclsPrints() throws Exception {
        String committed = Files.readString(DeployYaml.K8S.resolve("kafka-users.strimzi.yaml"));

        assertThat(committed)
                .as("infra/k8s/kafka-users.strimzi.yaml is out of date: regenerate it with "
                        + "./mailstream topics --print-acls --acl-format strimzi > infra/k8s/kafka-users.strimzi.yaml")
                .isEqualTo(StrimziKafkaUsers.render(ServiceAcls.defaults(), "mailstream", "kafka"));
        List<String> users = DeployYaml.readAll(DeployYaml.K8S.resolve("kafka-users.strimzi.yaml")).stream()
                .map(d -> "User:" + d.path("metadata").path("name").asText()).toList();
        assertThat(users).containsExactlyInAnyOrderElementsOf(ServiceAcls.defaults().principals().values());
    }

    @Test
    void everyServiceDeploymentShouldMountItsOwnKafkaClientFile() {
        Set<String> secrets = new HashSet<>();
        for (String service : List.of("dispatcher", "bounce-processor", "api", "webhooks", "tracking")) {
            String name = service.equals("bounce-processor") ? service : "mailstream-" + service;
            JsonNode pod = deployment(name).path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            String file = envValue(container, KafkaClientSettings.ENV_VAR);
            JsonNode mount = find(container.path("volumeMounts"), m -> file.startsWith(m.path("mountPath").asText() + "/"));
            JsonNode volume = find(pod.path("volumes"), v -> v.path("name").asText().equals(mount.path("name").asText()));
            String secret = volume.path("secret").path("secretName").asText();

            assertThat(secret).as(name).isEqualTo("mailstream-kafka-" + service);
            assertThat(script()).as("kafka-clients.sh makes the Secret of " + name).containsPattern("for service in [a-z -]*\\b" + service + "\\b");
            assertThat(secrets.add(secret)).as("a secret of its own for " + name).isTrue();
        }
    }

    @Test
    void theSchemaRegistryShouldReachKafkaAsItsOwnUser() throws Exception {
        JsonNode pod = deployment("schema-registry").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        JsonNode jaas = find(container.path("env"), e -> e.path("name").asText().equals("SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG"));
        String secret = jaas.path("valueFrom").path("secretKeyRef").path("name").asText();
        String script = Files.readString(DeployYaml.K8S.resolve("kafka-clients.sh"));

        assertThat(envValue(container, "SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(secret).isEqualTo("mailstream-kafka-registry");
        assertThat(script).contains("create secret generic " + secret + " ").contains("get secret mailstream-registry ");
        assertThat(ServiceAcls.defaults().principals()).containsValue("User:mailstream-registry");
    }

    private static String script() {
        try {
            return Files.readString(DeployYaml.K8S.resolve("kafka-clients.sh"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode deployment(String name) {
        return DeployYaml.k8sDocuments().stream()
                .filter(d -> d.path("kind").asText().equals("Deployment") && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static String envValue(JsonNode container, String name) {
        return find(container.path("env"), e -> e.path("name").asText().equals(name)).path("value").asText();
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        throw new AssertionError("nothing matching in " + array);
    }
}
