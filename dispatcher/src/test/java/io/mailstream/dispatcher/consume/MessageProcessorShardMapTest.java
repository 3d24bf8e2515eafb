package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.throttle.AdaptiveSettings;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.throttle.PoolNames;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A routing key that does not fit this dispatcher's shard map is refused with a clear event, never paced by a guess. */
class MessageProcessorShardMapTest {
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
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
    private final Pacing pacing = new Pacing(TrafficPolicies.defaultsOnly(), DomainShards.parse("site:google=4"),
            PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, clock);
    private final MessageProcessor processor = new MessageProcessor(new CampaignCache(), new SuppressionList(clock),
            new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
            Duration.ofMillis(10), pacing, () -> true);

    @Test
    void aShardCountMismatchShouldBeDeferredWithTheReasonAndNothingSent() throws Exception {
        // the producer was configured with 8 shards for google, this dispatcher with 4
        MailMessage mismatched = Fixtures.transactional("ann@startup.example", "Receipt", "thanks")
                .setRoutingKey("site:google#6").build();

        Decision d = processor.process(mismatched);

        assertThat(d).isInstanceOfSatisfying(Decision.Done.class, done -> assertThat(done.outcome())
                .isInstanceOfSatisfying(DeliveryOutcome.Deferred.class, deferred -> assertThat(deferred.reason())
                        .contains("routing key refused").contains("site:google#6").contains("out of range")
                        .contains("4 shards").contains("mailstream policies apply")));
        assertThat(sent).isEmpty();
    }

    @Test
    void aKeyThatFitsTheShardMapShouldBeSent() throws Exception {
        MailMessage fits = Fixtures.transactional("ann@startup.example", "Receipt", "thanks").setRoutingKey("site:google#2").build();

        assertThat(processor.process(fits)).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class));
        assertThat(sent).containsExactly("ann@startup.example");
    }
}
