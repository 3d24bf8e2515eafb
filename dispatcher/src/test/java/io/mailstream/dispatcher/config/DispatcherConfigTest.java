package io.mailstream.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.schemas.verp.VerpKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    private static DispatcherConfig.Builder valid() {
        return DispatcherConfig.builder()
                .bootstrapServers("localhost:9092")
                .schemaRegistryUrl("http://localhost:8081")
                .smtpHost("smtp.example.com")
                .smtpPort(2525)
                .bounceDomain("Bounce.Example.COM").verpKeys(VerpKeys.generate("t"));
    }

    @Test
    void buildShouldApplyDefaults() {
        DispatcherConfig c = valid().build();

        assertThat(c.groupId()).isEqualTo("mailstream-dispatcher");
        assertThat(c.dispatcherId()).isNotBlank();
        assertThat(c.bounceDomain().asString()).isEqualTo("bounce.example.com");
        assertThat(c.smtp().ehloName()).isEqualTo("bounce.example.com");
        assertThat(c.smtp().route().toString()).isEqualTo("smtp.example.com:2525");
        assertThat(c.maxPollRecords()).isEqualTo(500);
        assertThat(c.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void buildShouldFailNamingTheKeyOfAnInvalidValue() {
        assertThatThrownBy(() -> valid().bootstrapServers(" ").build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("bootstrap.servers"));
        assertThatThrownBy(() -> valid().schemaRegistryUrl("ftp://x").build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("schema.registry.url"));
        assertThatThrownBy(() -> valid().smtpPort(0).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("smtp.port"));
        assertThatThrownBy(() -> valid().bounceDomain("not a domain").verpKeys(VerpKeys.generate("t")).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("bounce.domain"));
        assertThatThrownBy(() -> valid().verpKeys(null).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("verp.keys"));
        assertThatThrownBy(() -> valid().shutdownGracePeriod(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("shutdown.grace-period"));
        assertThatThrownBy(() -> valid().maxPollRecords(0).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("max.poll.records"));
        assertThatThrownBy(() -> valid().unknownSchemaWait(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("decode.unknown-schema-wait"));
    }

    @Test
    void unknownSchemaIdsShouldBeWaitedForSixtySecondsByDefault() {
        assertThat(valid().build().unknownSchemas().maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(valid().unknownSchemaWait(Duration.ZERO).build().unknownSchemas().maxWait()).isZero();
    }

    @Test
    void producerPropertiesShouldBeIdempotentWithAcksAll() {
        var p = KafkaClientProperties.producer(valid().build());

        assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        assertThat(KafkaClientProperties.mailConsumer(valid().build())).containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "mailstream-dispatcher");
    }
}
