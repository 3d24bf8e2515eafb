package io.mailstream.tracking.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A broker that cannot be reached costs a click its event, never the person more than MAX_BLOCK of waiting. */
class KafkaEngagementSinkTest {
    @Test
    void withNoBrokerAPublishShouldReturnWithinTheBlockLimitAndCountTheEventLost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        EngagementEvent event = EngagementEvent.newBuilder().setEventId("e1").setMessageId("m1").setCampaignId("c1").setTenant(null)
                .setKind(EngagementKind.CLICKED).setLinkIndex(0).setUrl("https://acme.example/").setMachine(false)
                .setMachineReason(null).setClientClass("BROWSER").setIpClass("PUBLIC_V4").setIp(null).setUserAgent(null)
                .setSentAt(Instant.EPOCH).setTimestamp(Instant.EPOCH).build();
        try (KafkaEngagementSink sink = new KafkaEngagementSink(KafkaConnection.plaintext("127.0.0.1:" + port), new InMemorySchemaRegistry())) {
            long start = System.nanoTime();
            sink.publish(event);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(waited).isLessThan(KafkaEngagementSink.MAX_BLOCK.plusSeconds(3));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sink.failed() == 1);
            assertThat(sink.sent()).isZero();
        }
    }
}
