package io.mailstream.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

    private RenderedMessage message(String campaignId) {
        MailMessage m = Fixtures.transactional("ann@acme.test", "Hello", "Hello").setCampaignId(campaignId).build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void leastUsedShouldPickTheAddressWithFewestOpenConnectionsToTheDestination() throws Exception {
        SourceAddresses sources = new SourceAddresses(new SendingPools(Map.of("default",
                SendingPool.of("default", SourceSelection.LEAST_USED, List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"))), Map.of()));
        Map<InetAddress, Integer> open = Map.of(ip("10.0.0.1"), 3, ip("10.0.0.2"), 1, ip("10.0.0.3"), 2);

        assertThat(sources.pick(message("c-1"), "mx.a.test", open::get)).contains(ip("10.0.0.2"));
    }

    @Test
    void roundRobinShouldTakeTurnsPerDestination() throws Exception {
        SourceAddresses sources = new SourceAddresses(new SendingPools(Map.of("default",
                SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("10.0.0.1", "10.0.0.2"))), Map.of()));

        assertThat(sources.pick(message("c-1"), "mx.a.test", a -> 0)).contains(ip("10.0.0.1"));
        assertThat(sources.pick(message("c-1"), "mx.b.test", a -> 0)).contains(ip("10.0.0.1"));
        assertThat(sources.pick(message("c-1"), "mx.a.test", a -> 0)).contains(ip("10.0.0.2"));
    }

    @Test
    void transactionalMailShouldFallBackToTheDefaultPool() throws Exception {
        SourceAddresses sources = new SourceAddresses(new SendingPools(Map.of("default",
                SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("10.0.0.9"))), Map.of()));

        assertThat(sources.pick(message(null), "mx.a.test", a -> 0)).contains(ip("10.0.0.9"));
    }

    @Test
    void poolsWithoutADefaultShouldFailAtStart() {
        assertThatThrownBy(() -> new SendingPools(Map.of("bulk",
                SendingPool.of("bulk", SourceSelection.ROUND_ROBIN, List.of("10.0.0.1"))), Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("sending-pools.default"));
    }

    @Test
    void aCampaignNamingAnUnknownPoolShouldFailAtStart() {
        assertThatThrownBy(() -> new SendingPools(Map.of("default",
                SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("10.0.0.1"))), Map.of("c-1", "warmup")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("sending-pools.campaign.c-1");
                    assertThat(e.getMessage()).contains("warmup");
                });
    }

    @Test
    void aHostNameInsteadOfAnAddressShouldFailWithoutADnsLookup() {
        assertThatThrownBy(() -> SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("mail.acme.example")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("sending-pools.default.addresses");
                    assertThat(e.getMessage()).contains("not an IPv4 or IPv6 address literal");
                });
    }

    @Test
    void anAddressPinnedByPacingShouldWinOverTheTurnButOnlyInsideTheMessagesPool() throws Exception {
        SourceAddresses sources = new SourceAddresses(new SendingPools(Map.of("default",
                SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("10.0.0.1", "10.0.0.2"))), Map.of()));

        for (int i = 0; i < 3; i++) {
            assertThat(ScopedValue.where(PinnedSource.CURRENT, ip("10.0.0.2")).call(() -> sources.pick(message("c-1"), "mx.a.test", a -> 0)))
                    .as("the address whose warm-up budget the message took").contains(ip("10.0.0.2"));
        }
        assertThat(ScopedValue.where(PinnedSource.CURRENT, ip("10.9.9.9")).call(() -> sources.pick(message("c-1"), "mx.a.test", a -> 0)))
                .as("not an address of the pool: the turn decides").contains(ip("10.0.0.1"));
    }
}
