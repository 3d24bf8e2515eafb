package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.cli.acl.KafkaAclsScript;
import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secured compose variant runs each service as its own Kafka principal with exactly the ACLs of
 * {@code topics --print-acls}: these checks read {@code docker-compose.secure.yml} and
 * {@code secure/kafka-init.sh} and fail when either drifts from the code. No Docker engine runs here,
 * so whether the images accept these settings is not tested (infra/compose/README.md says so).
 */
class ComposePrincipalsTest {
    private static final Path SECURE = DeployYaml.COMPOSE.resolve("docker-compose.secure.yml");
    private static final Path INIT = DeployYaml.COMPOSE.resolve("secure/kafka-init.sh");
    private static final List<String> CONTAINERS = List.of("dispatcher", "bounce-processor", "api", "webhooks", "tracking");
    private static JsonNode compose;
    private static String init;

    @BeforeAll
    static void read() throws Exception {
        compose = DeployYaml.read(SECURE);
        init = Files.readString(INIT);
    }

    @Test
    void kafkaInitShouldApplyExactlyTheAclsPrintAclsPrints() {
        List<String> applied = init.lines().filter(l -> l.startsWith("kafka-acls.sh")).toList();

        assertThat(applied).as("the kafka-acls.sh lines of infra/compose/secure/kafka-init.sh are out of date: replace them with "
                        + "./mailstream topics --print-acls --acl-format kafka-acls")
                .containsExactlyElementsOf(KafkaAclsScript.render(ServiceAcls.defaults()).lines().toList());
        assertThat(init).contains("ADMIN_CONFIG=").contains("KAFKA=kafka-1:9094");
    }

    @Test
    void kafkaInitShouldCreateAScramUserForEveryPrincipal() {
        List<String> users = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^scram_user (\\S+) \"\\$\\{(MAILSTREAM_KAFKA_PASSWORD_\\w+):\\?}\"$").matcher(init);
        while (m.find()) {
            users.add("User:" + m.group(1));
            assertThat(compose.path("services").path("kafka-init").path("environment").has(m.group(2))).as(m.group(2)).isTrue();
        }
        assertThat(users).containsExactlyInAnyOrderElementsOf(ServiceAcls.defaults().principals().values());
    }

    @Test
    void everyServiceShouldReadItsOwnClientFileAndNoOtherOne() {
        for (String service : CONTAINERS) {
            JsonNode container = compose.path("services").path(service);
            String file = container.path("environment").path(KafkaClientSettings.ENV_VAR).asText();
            JsonNode mounts = container.path("volumes");
            List<JsonNode> clientMounts = new ArrayList<>();
            mounts.forEach(v -> {
                if (v.path("source").asText().equals("kafka-clients")) {
                    clientMounts.add(v);
                }
            });

            assertThat(clientMounts).as(service + " mounts one folder of the client files").hasSize(1);
            JsonNode mount = clientMounts.getFirst();
            assertThat(mount.path("volume").path("subpath").asText()).as(service).isEqualTo(service);
            assertThat(mount.path("read_only").asBoolean()).as(service).isTrue();
            assertThat(file).as(service).isEqualTo(mount.path("target").asText() + "/kafka.properties");
            // the file in that folder authenticates as the service's own principal
            assertThat(init).contains("client_file " + service + " \"$MAILSTREAM_KAFKA_PASSWORD_"
                    + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "\"");
            assertThat("User:mailstream-" + service).isEqualTo(ServiceAcls.defaults().principals().get(serviceOf(service)));
            assertThat(container.path("command").toString()).as(service + " takes its brokers from its file")
                    .doesNotContain("--bootstrap-servers");
        }
        assertThat(init).contains("username=\"mailstream-$1\"").contains("security.protocol=SASL_SSL")
                .contains("sasl.mechanism=SCRAM-SHA-512");
    }

    @Test
    void theBrokersShouldAuthorizeAndOfferNoUnauthenticatedListener() {
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode env = compose.path("services").path(broker).path("environment");
            assertThat(env.path("KAFKA_AUTHORIZER_CLASS_NAME").asText()).isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            assertThat(env.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText()).isEqualTo("false");
            assertThat(env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).isEqualTo("CLIENT:SASL_SSL,CONTROLLER:SSL,INTERNAL:SSL");
            assertThat(env.path("KAFKA_LISTENER_NAME_INTERNAL_SSL_CLIENT_AUTH").asText()).isEqualTo("required");
            assertThat(env.path("KAFKA_LISTENER_NAME_CONTROLLER_SSL_CLIENT_AUTH").asText()).isEqualTo("required");
            assertThat(env.path("KAFKA_SUPER_USERS").asText().split(";")).doesNotContain(
                    ServiceAcls.defaults().principals().values().toArray(String[]::new));
        }
    }

    @Test
    void theRegistryShouldStoreItsSchemasAsItsOwnUser() {
        JsonNode env = compose.path("services").path("schema-registry").path("environment");
        assertThat(env.path("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(env.path("SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG").asText())
                .contains("username=\"" + ServiceAcls.defaults().principals().get(MailstreamService.REGISTRY).substring("User:".length()) + "\"");
    }

    private static MailstreamService serviceOf(String id) {
        for (MailstreamService s : MailstreamService.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no service " + id);
    }
}
