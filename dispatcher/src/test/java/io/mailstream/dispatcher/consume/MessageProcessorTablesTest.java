package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Suppression;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Fail closed: nothing is decided, let alone sent, on tables that are not current. */
class MessageProcessorTablesTest {
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    private final SuppressionList suppressions = new SuppressionList(clock);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean current = new AtomicBoolean(false);
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
    private final MessageProcessor processor = new MessageProcessor(new CampaignCache(), suppressions,
            new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")), clock), transport, clock,
            Duration.ofMillis(10), io.mailstream.dispatcher.throttle.Pacing.unlimited(clock), current::get);

    @Test
    void aMessageShouldBeHeldNotSentWhileTheTablesAreNotCurrentAndDecidedOnceTheyAre() throws Exception {
        MailMessage toSuppressed = Fixtures.transactional("gone@example.org", "Receipt", "thanks").build();
        MailMessage toFine = Fixtures.transactional("fine@example.org", "Receipt", "thanks").build();

        assertThat(processor.process(toSuppressed)).isEqualTo(new Decision.Hold(new HoldReason.TablesNotCurrent()));
        assertThat(processor.process(toFine)).isEqualTo(new Decision.Hold(new HoldReason.TablesNotCurrent()));
        assertThat(processor.mayRelease(new HoldReason.TablesNotCurrent())).isFalse();
        assertThat(sent).isEmpty();

        // the suppression that had not been read yet arrives, and the table is current again
        suppressions.upsert("gone@example.org", Suppression.newBuilder().setAddress("gone@example.org").setReason("userunknown")
                .setSource(SuppressionSource.BOUNCE).setFirstSeen(Fixtures.NOW).setLastSeen(Fixtures.NOW).build());
        current.set(true);

        assertThat(processor.mayRelease(new HoldReason.TablesNotCurrent())).isTrue();
        assertThat(processor.process(toSuppressed)).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Suppressed.class));
        assertThat(processor.process(toFine)).isInstanceOfSatisfying(Decision.Done.class,
                d -> assertThat(d.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class));
        assertThat(sent).containsExactly("fine@example.org");
    }
}
