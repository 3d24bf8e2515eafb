package io.mailstream.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.DeliveryTransports;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.dkim.SigningTransport;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.routing.RoutingTransport;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.dispatcher.support.PemFiles;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryConfigTest {
    private static DispatcherConfig.Builder base() {
        return DispatcherConfig.builder().bootstrapServers("localhost:9092").schemaRegistryUrl("http://localhost:8081")
                .smtpHost("smtp.example.com").smtpPort(587).bounceDomain("bounce.example.com").verpKeys(VerpKeys.generate("t"));
    }

    @Test
    void defaultsShouldSendToThePlainSmartHostThroughTheSamePooledPathAsRouting() {
        DispatcherConfig c = base().build();

        assertThat(c.delivery().routes().mode()).isEqualTo(DeliveryMode.SMART_HOST);
        assertThat(c.delivery().isPlainSmartHost()).isTrue();
        assertThat(c.delivery().sendingPools().pools()).isEmpty();
        assertThat(c.delivery().circuit()).isEqualTo(io.mailstream.dispatcher.pool.CircuitBreakerSettings.defaults());
        try (MailTransport t = DeliveryTransports.create(c.delivery(), c.smtp(), Clock.systemUTC())) {
            assertThat(t).isInstanceOf(RoutingTransport.class);
        }
    }

    @Test
    void smartHostWithStarttlsAndAuthShouldRouteThroughTheRelay() {
        DispatcherConfig c = base().smtpTls(TlsSettings.REQUIRED).smtpAuth("mailer", "s3cret").build();

        assertThat(c.delivery().routes().smartHost()).hasValueSatisfying(d -> {
            assertThat(d.host()).isEqualTo("smtp.example.com");
            assertThat(d.port()).isEqualTo(587);
            assertThat(d.tls().policy()).isEqualTo(TlsPolicy.REQUIRED);
            assertThat(d.auth()).isPresent();
        });
        try (MailTransport t = DeliveryTransports.create(c.delivery(), c.smtp(), Clock.systemUTC())) {
            assertThat(t).isInstanceOf(RoutingTransport.class);
        }
    }

    @Test
    void authWithoutRequiredTlsShouldFailAtStart() {
        assertThatThrownBy(() -> base().smtpTls(TlsSettings.OPPORTUNISTIC).smtpAuth("mailer", "s3cret").build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("smtp.auth.username"));
    }

    @Test
    void implicitTlsWithoutRequiredPolicyShouldFailAtStart() {
        assertThatThrownBy(() -> new TlsSettings(TlsPolicy.OPPORTUNISTIC, true, java.util.Optional.empty()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("tls.implicit"));
    }

    @Test
    void directMxShouldTakeOverridesAndTheResolver() {
        DispatcherConfig c = base().deliveryMode(DeliveryMode.DIRECT_MX).dnsResolver("127.0.0.1:5353")
                .routeOverride("Partner.Example", "mx.partner.example:2525", TlsSettings.REQUIRED).build();

        assertThat(c.delivery().routes().overrides()).containsOnlyKeys(Domain.of("partner.example"));
        assertThat(c.delivery().routes().overrides().get(Domain.of("partner.example")).port()).isEqualTo(2525);
        assertThat(c.delivery().routes().dns().resolver()).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(5353));
    }

    @Test
    void badDnsResolverShouldFailWithItsKey() {
        assertThatThrownBy(() -> base().dnsResolver("127.0.0.1:dns").build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("dns.resolver"));
    }

    @Test
    void dkimKeysShouldWrapTheTransportInASigner(@TempDir Path dir) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        Path pem = PemFiles.writePrivateKey(dir.resolve("k.pem"), kpg.generateKeyPair().getPrivate());

        DispatcherConfig c = base().dkimKey("acme.example", "s2026", pem).build();

        try (MailTransport t = DeliveryTransports.create(c.delivery(), c.smtp(), Clock.systemUTC())) {
            assertThat(t).isInstanceOf(SigningTransport.class);
        }
    }

    @Test
    void missingDkimKeyFileShouldFailWithItsKey(@TempDir Path dir) {
        assertThatThrownBy(() -> base().dkimKey("acme.example", "s2026", dir.resolve("absent.pem")).build())
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("dkim.acme.example.private-key"));
    }

    @Test
    void sendingPoolsShouldBeReadIntoTheDeliveryConfig() {
        DispatcherConfig c = base()
                .sendingPool("default", io.mailstream.dispatcher.sending.SourceSelection.LEAST_USED, "192.0.2.10", "192.0.2.11")
                .sendingPool("transactional", io.mailstream.dispatcher.sending.SourceSelection.ROUND_ROBIN, "2001:db8::25")
                .campaignSendingPool("c-42", "transactional")
                .build();

        assertThat(c.delivery().sendingPools().pools()).containsOnlyKeys("default", "transactional");
        assertThat(c.delivery().sendingPools().pools().get("default").addresses()).hasSize(2);
        assertThat(c.delivery().sendingPools().poolFor(java.util.Optional.of("c-42")))
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("transactional"));
    }

    @Test
    void aSendingPoolGivenTwiceShouldFailNamingIt() {
        assertThatThrownBy(() -> base()
                .sendingPool("default", io.mailstream.dispatcher.sending.SourceSelection.ROUND_ROBIN, "192.0.2.10")
                .sendingPool("default", io.mailstream.dispatcher.sending.SourceSelection.ROUND_ROBIN, "192.0.2.11"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("sending-pools.default"));
    }
}
