package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An unsubscribe is from marketing: it stops campaign mail, not a password reset; a hard bounce stops both. */
class MessageProcessorScopeTest {
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    private final SuppressionList suppressions = new SuppressionList(clock);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final MailTransport transport = new MailTransport() {
        @Override
        public DeliveryOutcome send(RenderedMessage message) {
            sent.add(message.recipient().asString());
            return new DeliveryOutcome.Delivered(SmtpReply.of(250, "ok"), "mx.example.org");
        }

        @Override
        public void close() {
        }
    };
    private final CampaignCache campaigns = new CampaignCache();
    private final MessageProcessor processor = new MessageProcessor(campaigns, suppressions,
            new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
            Duration.ofMillis(10));

    @Test
    void anUnsubscribedAddressShouldStillGetAPasswordResetButNoCampaignMail() throws Exception {
        suppressions.upsert("ann@example.org", suppression("ann@example.org", part(SuppressionSource.UNSUBSCRIBE, null)));

        Decision reset = processor.process(Fixtures.transactional("ann@example.org", "Reset your password", "link").build());
        Decision news = processor.process(Fixtures.campaignMessage("c1", "ann@example.org", Map.of("name", "Ann")).build());

        assertThat(reset).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class));
        assertThat(news).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Suppressed.class));
        assertThat(sent).containsExactly("ann@example.org");
    }

    @Test
    void anUnsubscribedAddressThatAlsoBouncedHardShouldGetNoMailAtAll() throws Exception {
        suppressions.upsert("bob@example.org", suppression("bob@example.org",
                part(SuppressionSource.UNSUBSCRIBE, null), part(SuppressionSource.BOUNCE, null)));
        suppressions.upsert("cy@example.org", suppression("cy@example.org",
                part(SuppressionSource.UNSUBSCRIBE, null), part(SuppressionSource.BOUNCE, Fixtures.NOW.plus(Duration.ofDays(3)))));

        MailMessage reset = Fixtures.transactional("bob@example.org", "Reset your password", "link").build();
        MailMessage receipt = Fixtures.transactional("cy@example.org", "Receipt", "thanks").build();

        assertThat(processor.process(reset)).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Suppressed.class));
        assertThat(processor.process(receipt)).as("a soft-bounce window holds for every kind of mail")
                .isInstanceOfSatisfying(Decision.Done.class, d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Suppressed.class));
        assertThat(sent).isEmpty();
    }

    @Test
    void anUnsubscribeFromOneListShouldStopThatListsCampaignsButNotAnotherLists() throws Exception {
        campaigns.upsert("news-1", Fixtures.campaign("news-1").setListId("news").build());
        campaigns.upsert("offers-1", Fixtures.campaign("offers-1").setListId("offers").build());
        SuppressionPart fromNews = part(SuppressionSource.UNSUBSCRIBE, null);
        fromNews.setScope("news");
        suppressions.upsert("dee@example.org", suppression("dee@example.org", fromNews));

        Decision news = processor.process(Fixtures.campaignMessage("news-1", "dee@example.org", Map.of("name", "Dee")).build());
        Decision offers = processor.process(Fixtures.campaignMessage("offers-1", "dee@example.org", Map.of("name", "Dee")).build());

        assertThat(news).isInstanceOfSatisfying(Decision.Done.class, d -> assertThat(d.outcome())
                .isInstanceOfSatisfying(DeliveryOutcome.Suppressed.class, o -> assertThat(o.reason()).contains("list news")));
        assertThat(offers).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class));
        assertThat(sent).containsExactly("dee@example.org");
    }

    private static SuppressionPart part(SuppressionSource source, Instant expiresAt) {
        return SuppressionPart.newBuilder().setSource(source).setReason(source.name().toLowerCase(java.util.Locale.ROOT))
                .setFirstSeen(Fixtures.NOW).setLastSeen(Fixtures.NOW).setExpiresAt(expiresAt).build();
    }

    private static Suppression suppression(String address, SuppressionPart... parts) {
        SuppressionPart first = parts[0];
        return Suppression.newBuilder().setAddress(address).setReason(first.getReason()).setSource(first.getSource())
                .setFirstSeen(Fixtures.NOW).setLastSeen(Fixtures.NOW).setParts(List.of(parts)).build();
    }
}
