package io.mailstream.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.routing.Destination;
import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.address.Domain;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleartextDeliveryTest {
    @Test
    void aPlainTextSmartHostOnTheNetworkShouldBeWarnedAboutNamingTheSetting() {
        RouteConfig routes = RouteConfig.smartHost(Destination.of("relay.corp.example", 25, TlsSettings.NONE));

        assertThat(CleartextDelivery.warnings(routes)).singleElement().asString()
                .contains("relay.corp.example:25", "smtp.tls=NONE", "--smtp-tls");
    }

    @Test
    void aSmartHostOnLoopbackOrWithTlsShouldNotBeWarnedAbout() {
        assertThat(CleartextDelivery.warnings(RouteConfig.smartHost(Destination.of("localhost", 2525, TlsSettings.NONE)))).isEmpty();
        assertThat(CleartextDelivery.warnings(RouteConfig.smartHost(Destination.of("127.0.0.1", 2525, TlsSettings.NONE)))).isEmpty();
        assertThat(CleartextDelivery.warnings(RouteConfig.smartHost(
                Destination.of("relay.corp.example", 25, TlsSettings.OPPORTUNISTIC)))).isEmpty();
    }

    @Test
    void directDeliveryWithoutTlsAndPlainTextRouteOverridesShouldEachBeWarnedAbout() {
        RouteConfig routes = RouteConfig.directMx(DnsSettings.defaults()).withDirectTls(TlsSettings.NONE)
                .withOverrides(Map.of(Domain.of("partner.example"), Destination.of("mx.partner.example", 25, TlsSettings.NONE),
                        Domain.of("local.example"), Destination.of("127.0.0.1", 2525, TlsSettings.NONE)));

        assertThat(CleartextDelivery.warnings(routes)).hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("direct.tls=NONE", "--direct-tls"))
                .anySatisfy(w -> assertThat(w).contains("route.partner.example", "mx.partner.example:25"));
    }

    @Test
    void directDeliveryWithOpportunisticTlsShouldNotBeWarnedAbout() {
        assertThat(CleartextDelivery.warnings(RouteConfig.directMx(DnsSettings.defaults()))).isEmpty();
    }
}
