package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailstream.avro.MailMessage;
import io.mailstream.producer.launch.MxLookupSettings;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.sites.SiteResolver;
import io.mailstream.testkit.MutableClock;
import io.mailstream.testkit.dns.LocalDnsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The transactional API routes by site as {@code campaign launch --mx-lookup} does ({@code mxLookup}),
 * against a real DNS responder on a local UDP port ({@link LocalDnsServer}), with the same fallback
 * when DNS fails, retried after {@link ApiSiteRouting#RETRY_FALLBACKS_AFTER} because an API process lives long.
 */
class ApiMxLookupTest {
    private static final ApiKey KEY = new ApiKey("shop", "0123456789abcdef", Set.of(Domain.of("shop.example")));

    private final LocalDnsServer dns = new LocalDnsServer();
    private final List<MailMessage> published = new ArrayList<>();
    private final MessagePublisher publisher = new MessagePublisher() {
        @Override
        public CompletableFuture<Void> publish(MailMessage message) {
            published.add(message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    };
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private SiteResolver sites;

    @AfterEach
    void stop() {
        if (sites != null) {
            ApiSiteRouting.close(sites);
        }
        dns.close();
    }

    private TransactionalSender sender(Optional<MxLookupSettings> mxLookup) {
        sites = ApiSiteRouting.of(mxLookup, clock);
        return new TransactionalSender(publisher, DomainShards.NONE, Duration.ofSeconds(1), 10, clock,
                IdempotencyClaims.inProcess(), sites);
    }

    private String routingKeyOfMailTo(TransactionalSender sender, String to) throws InterruptedException {
        sender.send(KEY, Optional.empty(), new SendRequest(EmailAddress.parse("a@shop.example"), Optional.empty(),
                EmailAddress.parse(to), new SendRequest.Inline("s", Optional.empty(), Optional.of("t")), Map.of(), Map.of()));
        return published.getLast().getRoutingKey();
    }

    private Optional<MxLookupSettings> lookupsAtTheLocalDns() {
        return Optional.of(new MxLookupSettings(Optional.of(dns.address()), Duration.ofSeconds(2)));
    }

    @Test
    void aWorkspaceDomainAndALongTailDomainShouldBeRoutedByTheirMxHostsAsLaunchDoes() throws Exception {
        dns.mx("acme-widgets.io", 1, "aspmx.l.google.com", 300).mx("shop-one.io", 5, "mx1.hoster.net", 300);
        TransactionalSender api = sender(lookupsAtTheLocalDns());

        assertThat(routingKeyOfMailTo(api, "ann@acme-widgets.io")).isEqualTo("site:google");
        assertThat(routingKeyOfMailTo(api, "bob@acme-widgets.io")).isEqualTo("site:google");
        assertThat(routingKeyOfMailTo(api, "cy@shop-one.io")).isEqualTo("site:mx1.hoster.net");
        assertThat(routingKeyOfMailTo(api, "dee@gmail.com")).as("the provider table, without DNS").isEqualTo("site:google");
        assertThat(dns.queries("acme-widgets.io", Type.MX)).as("looked up once per process").isEqualTo(1);
        assertThat(dns.queries("gmail.com", Type.MX)).isZero();
    }

    @Test
    void withoutMxLookupTheApiShouldRouteTheLongTailByDomainAndAskNoDns() throws Exception {
        dns.mx("acme-widgets.io", 1, "aspmx.l.google.com", 300);
        TransactionalSender api = sender(Optional.empty());

        assertThat(routingKeyOfMailTo(api, "ann@acme-widgets.io")).isEqualTo("acme-widgets.io");
        assertThat(dns.queries("acme-widgets.io", Type.MX)).isZero();
    }

    @Test
    void aDomainWhoseLookupFailsShouldBeRoutedByItselfAndLookedUpAgainAfterAMinute() throws Exception {
        dns.servfail("shop-two.io");
        TransactionalSender api = sender(lookupsAtTheLocalDns());

        assertThat(routingKeyOfMailTo(api, "ann@shop-two.io")).as("DNS failed: the domain itself").isEqualTo("shop-two.io");
        dns.clear("shop-two.io").mx("shop-two.io", 1, "aspmx.l.google.com", 300);
        clock.advance(Duration.ofSeconds(30));
        assertThat(routingKeyOfMailTo(api, "bob@shop-two.io")).as("within the minute: the fallback holds").isEqualTo("shop-two.io");
        assertThat(dns.queries("shop-two.io", Type.MX)).isEqualTo(1);

        clock.advance(ApiSiteRouting.RETRY_FALLBACKS_AFTER);
        assertThat(routingKeyOfMailTo(api, "cy@shop-two.io")).as("looked up again once DNS answers").isEqualTo("site:google");
        assertThat(dns.queries("shop-two.io", Type.MX)).isEqualTo(2);
    }

    @Test
    void lookupsStoppedAfterTwentyFailuresShouldStartAgainAfterAMinute() throws Exception {
        for (int i = 0; i < 21; i++) {
            dns.servfail("down" + i + ".io");
        }
        TransactionalSender api = sender(lookupsAtTheLocalDns());
        for (int i = 0; i < 21; i++) {
            assertThat(routingKeyOfMailTo(api, "x@down" + i + ".io")).isEqualTo("down" + i + ".io");
        }
        assertThat(dns.queries("down20.io", Type.MX)).as("stopped after 20 failures in a row").isZero();

        dns.mx("back.io", 1, "aspmx.l.google.com", 300);
        assertThat(routingKeyOfMailTo(api, "x@back.io")).as("still stopped").isEqualTo("back.io");
        clock.advance(ApiSiteRouting.RETRY_FALLBACKS_AFTER.plusSeconds(1));
        assertThat(routingKeyOfMailTo(api, "y@back.io")).isEqualTo("site:google");
    }

    @Test
    void theConfigFileShouldTurnMxLookupsOnAndRefuseABadResolver() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        String base = "bootstrapServers: localhost:9092\nschemaRegistry: http://localhost:8081\n"
                + "apiKeys: [{id: shop, secret: 0123456789abcdef, senderDomains: [shop.example]}]\n";
        assertThat(ApiConfigLoader.parse(yaml.readTree(base)).mxLookup()).isEmpty();
        assertThat(ApiConfigLoader.parse(yaml.readTree(base + "mxLookup: true\n")).mxLookup()).contains(MxLookupSettings.defaults());
        assertThat(ApiConfigLoader.parse(yaml.readTree(base + "mxLookup: {resolver: '127.0.0.1:5353', timeoutMs: 500}\n"))
                .mxLookup()).contains(new MxLookupSettings(Optional.of("127.0.0.1:5353"), Duration.ofMillis(500)));
        assertThatThrownBy(() -> ApiConfigLoader.parse(yaml.readTree(base + "mxLookup: {resolver: '127.0.0.1:99999'}\n")))
                .isInstanceOf(InvalidApiConfigException.class).hasMessageContaining("mxLookup.resolver");
        assertThatThrownBy(() -> ApiConfigLoader.parse(yaml.readTree(base + "mxLookup: {timeoutMs: 0}\n")))
                .isInstanceOf(InvalidApiConfigException.class).hasMessageContaining("mxLookup.timeoutMs");
        assertThatThrownBy(() -> ApiConfigLoader.parse(yaml.readTree(base + "mxLookup: {resolvr: x}\n")))
                .isInstanceOf(InvalidApiConfigException.class).hasMessageContaining("resolvr");
    }
}
