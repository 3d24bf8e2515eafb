package io.mailstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class EmbeddedStackIT {

    @Test
    void stackShouldProvisionTopicsAndServeRegistryAndSmtp() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackConfig.defaults().withOutboundPartitions(2));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get())
                    .containsAll(Topics.all(2).stream().map(t -> t.name()).toList());
            assertThat(stack.topics().created()).hasSize(Topics.all(2).size());

            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).isEqualTo("[]");

            assertThat(stack.smtpPort()).isPositive();
            assertThat(stack.sink().count()).isZero();
        }
    }
}
