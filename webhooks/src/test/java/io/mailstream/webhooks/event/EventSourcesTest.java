package io.mailstream.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import io.mailstream.avro.GuardDecision;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.ReceivedAction;
import io.mailstream.avro.ReceivedBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventSourcesTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final EventSources sources = EventSources.defaults(registry);

    static DeliveryEvent delivery(String messageId, Outcome outcome, int attempt) {
        return DeliveryEvent.newBuilder().setMessageId(messageId).setCampaignId("c1").setRecipient("a@example.com").setOutcome(outcome)
                .setAttempt(attempt).setSmtpReplyCode(250).setTimestamp(Instant.parse("2026-12-03T10:00:00Z")).setDispatcherId("d1")
                .setTenant("acme").build();
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, long offset, byte[] value) {
        return new ConsumerRecord<>(topic, 2, offset, null, value);
    }

    private byte[] bytes(DeliveryEvent e) {
        return new AvroSerializer<DeliveryEvent>(registry, DeliveryEvent.getClassSchema(), false).serialize(Topics.DELIVERY_EVENTS, e);
    }

    @Test
    void aDeliveryEventShouldBecomeAnEventWhoseIdIsTheSameWhereverItIsReadAgain() {
        EventSource s = sources.byTopic().get(Topics.DELIVERY_EVENTS);
        WebhookEvent a = s.toEvent(record(Topics.DELIVERY_EVENTS, 10, bytes(delivery("m1", Outcome.DELIVERED, 1)))).orElseThrow();
        WebhookEvent again = s.toEvent(record(Topics.DELIVERY_EVENTS, 99, bytes(delivery("m1", Outcome.DELIVERED, 1)))).orElseThrow();
        WebhookEvent deferred = s.toEvent(record(Topics.DELIVERY_EVENTS, 11, bytes(delivery("m1", Outcome.DEFERRED, 1)))).orElseThrow();
        WebhookEvent second = s.toEvent(record(Topics.DELIVERY_EVENTS, 12, bytes(delivery("m1", Outcome.DEFERRED, 2)))).orElseThrow();
        assertThat(a.type()).isEqualTo("delivered");
        assertThat(a.messageId()).isEqualTo("m1");
        assertThat(a.campaignId()).isEqualTo("c1");
        assertThat(a.tenant()).isEqualTo("acme");
        assertThat(a.attributes()).containsEntry("smtpReplyCode", 250).doesNotContainKey("replyText");
        assertThat(again.id()).as("a dispatcher's repeated event is the same event").isEqualTo(a.id());
        assertThat(List.of(a.id(), deferred.id(), second.id())).doesNotHaveDuplicates();
        String json = new String(EventJson.batch(List.of(a)), StandardCharsets.UTF_8);
        assertThat(json).startsWith("[{\"id\":\"" + a.id() + "\",\"type\":\"delivered\",\"occurredAt\":\"2026-12-03T10:00:00Z\"")
                .contains("\"data\":{\"attempt\":1,\"smtpReplyCode\":250}");
    }

    @Test
    void aSuppressionShouldBecomeAnEventOfItsNewestPartAndATombstoneNoEvent() {
        EventSource s = sources.byTopic().get(Topics.SUPPRESSIONS);
        Instant t1 = Instant.parse("2026-12-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-12-03T10:00:00Z");
        Suppression sup = Suppression.newBuilder().setAddress("a@example.com").setReason("userunknown").setSource(SuppressionSource.BOUNCE)
                .setFirstSeen(t1).setLastSeen(t2)
                .setParts(List.of(
                        SuppressionPart.newBuilder().setSource(SuppressionSource.BOUNCE).setReason("userunknown").setFirstSeen(t1)
                                .setLastSeen(t1).build(),
                        SuppressionPart.newBuilder().setSource(SuppressionSource.COMPLAINT).setReason("abuse").setFirstSeen(t2)
                                .setLastSeen(t2).build()))
                .build();
        byte[] v = new AvroSerializer<Suppression>(registry, Suppression.getClassSchema(), false).serialize(Topics.SUPPRESSIONS, sup);
        WebhookEvent e = s.toEvent(record(Topics.SUPPRESSIONS, 5, v)).orElseThrow();
        assertThat(e.type()).isEqualTo("complaint");
        assertThat(e.recipient()).isEqualTo("a@example.com");
        assertThat(e.occurredAt()).isEqualTo(t2);
        assertThat(e.attributes()).containsEntry("reason", "abuse");
        assertThat(e.id()).isEqualTo(s.toEvent(record(Topics.SUPPRESSIONS, 5, v)).orElseThrow().id())
                .isNotEqualTo(s.toEvent(record(Topics.SUPPRESSIONS, 6, v)).orElseThrow().id());
        assertThat(s.toEvent(record(Topics.SUPPRESSIONS, 7, null))).isEmpty();
        assertThat(e.messageId()).as("a record that names no message").isNull();
        assertThat(e.campaignId()).isNull();
    }

    @Test
    void aBounceTheBounceProcessorTiedToAMessageShouldCarryItsMessageAndCampaign() {
        EventSource s = sources.byTopic().get(Topics.SUPPRESSIONS);
        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        Suppression sup = Suppression.newBuilder().setAddress("kim@example.com").setReason("userunknown")
                .setSource(SuppressionSource.BOUNCE).setFirstSeen(t).setLastSeen(t)
                .setMessageId("m-42").setCampaignId("spring-sale").build();
        byte[] v = new AvroSerializer<Suppression>(registry, Suppression.getClassSchema(), false).serialize(Topics.SUPPRESSIONS, sup);

        WebhookEvent e = s.toEvent(record(Topics.SUPPRESSIONS, 8, v)).orElseThrow();

        assertThat(e.type()).isEqualTo("bounce");
        assertThat(e.messageId()).isEqualTo("m-42");
        assertThat(e.campaignId()).isEqualTo("spring-sale");
        assertThat(e.attributes()).as("a permanent bounce part").containsEntry("soft", false);
        assertThat(new String(EventJson.batch(List.of(e)), StandardCharsets.UTF_8)).contains("\"messageId\":\"m-42\",\"campaignId\":\"spring-sale\"");
    }

    private static EngagementEvent click(String eventId, boolean machine) {
        return EngagementEvent.newBuilder().setEventId(eventId).setMessageId("m1").setCampaignId("c1").setTenant("acme")
                .setKind(EngagementKind.CLICKED).setLinkIndex(0).setUrl("https://example.com/offer").setMachine(machine)
                .setMachineReason(machine ? "user-agent" : null).setClientClass("BROWSER").setIpClass("PUBLIC_V4")
                .setIp("203.0.113.9").setTimestamp(Instant.parse("2026-12-03T11:00:00Z")).build();
    }

    @Test
    void aClickShouldBecomeAnEventWithItsUrlAndMachineFlagButNotTheClientAddress() {
        EventSource s = sources.byTopic().get(Topics.ENGAGEMENT);
        AvroSerializer<EngagementEvent> ser = new AvroSerializer<>(registry, EngagementEvent.getClassSchema(), false);
        WebhookEvent e = s.toEvent(record(Topics.ENGAGEMENT, 3, ser.serialize(Topics.ENGAGEMENT, click("u1", false)))).orElseThrow();
        assertThat(e.type()).isEqualTo("clicked");
        assertThat(e.messageId()).isEqualTo("m1");
        assertThat(e.campaignId()).isEqualTo("c1");
        assertThat(e.tenant()).isEqualTo("acme");
        assertThat(e.attributes()).containsEntry("url", "https://example.com/offer").containsEntry("machine", false)
                .containsEntry("clientClass", "BROWSER").doesNotContainKey("ip").doesNotContainValue("203.0.113.9");
        WebhookEvent retried = s.toEvent(record(Topics.ENGAGEMENT, 40, ser.serialize(Topics.ENGAGEMENT, click("u1", false)))).orElseThrow();
        WebhookEvent secondClick = s.toEvent(record(Topics.ENGAGEMENT, 41, ser.serialize(Topics.ENGAGEMENT, click("u2", true)))).orElseThrow();
        assertThat(retried.id()).as("a producer retry of one request").isEqualTo(e.id());
        assertThat(secondClick.id()).isNotEqualTo(e.id());
        assertThat(secondClick.attributes()).containsEntry("machine", true).containsEntry("machineReason", "user-agent");
    }

    @Test
    void aGuardDecisionShouldBecomeAHoldEventOfItsCampaignWithTheRateAndLine() {
        EventSource s = sources.byTopic().get(Topics.GUARD_DECISIONS);
        GuardDecision d = GuardDecision.newBuilder().setCampaignId("c1").setProvider("google").setRule("complaint-rate").setRate(0.004)
                .setLine(0.001).setCount(4).setBase(1000).setWholeCampaign(false).setDecidedAt(Instant.parse("2026-12-03T12:00:00Z")).build();
        byte[] v = new AvroSerializer<GuardDecision>(registry, GuardDecision.getClassSchema(), false).serialize(Topics.GUARD_DECISIONS, d);
        WebhookEvent e = s.toEvent(record(Topics.GUARD_DECISIONS, 0, v)).orElseThrow();
        assertThat(e.type()).isEqualTo("campaign_guard_hold");
        assertThat(e.campaignId()).isEqualTo("c1");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(e.attributes()).containsEntry("provider", "google").containsEntry("rule", "complaint-rate")
                .containsEntry("rate", 0.004).containsEntry("line", 0.001).containsEntry("wholeCampaign", false);
        assertThat(s.toEvent(record(Topics.GUARD_DECISIONS, 9, v)).orElseThrow().id()).as("the decision replayed").isEqualTo(e.id());
        assertThat(s.toEvent(record(Topics.GUARD_DECISIONS, 10, null))).isEmpty();
    }

    @Test
    void everyTypeShouldBeKnownAndEveryTopicReadByOneSource() {
        assertThat(sources.types()).contains("delivered", "deferred", "bounced", "expired", "suppressed", "rejected", "cancelled",
                "bounce", "complaint", "unsubscribe", "manual_suppression", "delayed", "clicked", "opened", "campaign_guard_hold");
        assertThatThrownBy(() -> new EventSources(List.of(new ReceivedBounceSource(registry), new ReceivedBounceSource(registry))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Topics.RECEIVED_BOUNCES);
    }

    private static ReceivedBounce dsn(String messageId, ReceivedAction action, boolean hard, String bounceClass, String reason) {
        return ReceivedBounce.newBuilder().setMessageId(messageId).setCampaignId("spring-sale").setRecipient("kim@gmail.com")
                .setAction(action).setHard(hard).setBounceClass(bounceClass).setReason(reason).setProvider("google")
                .setStatus(action == ReceivedAction.DELAYED ? "4.4.7" : "5.2.2").setReplyText("452 4.2.2 mailbox full")
                .setReceivedAt(Instant.parse("2026-12-03T12:00:00Z")).build();
    }

    private byte[] bytes(ReceivedBounce b) {
        return new AvroSerializer<ReceivedBounce>(registry, ReceivedBounce.getClassSchema(), false).serialize(Topics.RECEIVED_BOUNCES, b);
    }

    @Test
    void aSoftDsnAndADelayedDsnShouldBecomeBounceAndDelayedEventsOfTheirMessageWithStableIds() {
        EventSource s = sources.byTopic().get(Topics.RECEIVED_BOUNCES);
        byte[] soft = bytes(dsn("m-7", ReceivedAction.FAILED, false, "soft", "mailboxfull"));
        byte[] delay = bytes(dsn("m-8", ReceivedAction.DELAYED, false, null, "delayed"));

        WebhookEvent b = s.toEvent(record(Topics.RECEIVED_BOUNCES, 3, soft)).orElseThrow();
        WebhookEvent d = s.toEvent(record(Topics.RECEIVED_BOUNCES, 4, delay)).orElseThrow();

        assertThat(b.type()).isEqualTo("bounce");
        assertThat(b.messageId()).isEqualTo("m-7");
        assertThat(b.campaignId()).isEqualTo("spring-sale");
        assertThat(b.recipient()).isEqualTo("kim@gmail.com");
        assertThat(b.occurredAt()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(b.attributes()).containsEntry("reason", "mailboxfull").containsEntry("soft", true).containsEntry("class", "soft")
                .containsEntry("provider", "google").containsEntry("status", "5.2.2").containsEntry("replyText", "452 4.2.2 mailbox full");
        assertThat(d.type()).isEqualTo("delayed");
        assertThat(d.messageId()).isEqualTo("m-8");
        assertThat(d.attributes()).containsEntry("reason", "delayed").doesNotContainKeys("soft", "class");
        assertThat(s.toEvent(record(Topics.RECEIVED_BOUNCES, 90, soft)).orElseThrow().id())
                .as("the same DSN written again is the same event").isEqualTo(b.id()).isNotEqualTo(d.id());
        assertThat(new String(EventJson.batch(List.of(b)), StandardCharsets.UTF_8))
                .contains("\"type\":\"bounce\"", "\"messageId\":\"m-7\",\"campaignId\":\"spring-sale\"", "\"soft\":true");
    }

    @Test
    void aSoftDsnThatReachedTheThresholdShouldBePostedOnceFromItsSuppressionAsASoftBounce() {
        ReceivedBounce third = ReceivedBounce.newBuilder(dsn("m-9", ReceivedAction.FAILED, false, "soft", "mailboxfull"))
                .setSuppressed(true).build();
        Instant t = Instant.parse("2026-12-03T12:00:00Z");
        Instant until = Instant.parse("2026-12-17T12:00:00Z");
        Suppression window = Suppression.newBuilder().setAddress("kim@gmail.com").setReason("mailboxfull")
                .setSource(SuppressionSource.BOUNCE).setFirstSeen(t).setLastSeen(t).setExpiresAt(until)
                .setParts(List.of(SuppressionPart.newBuilder().setSource(SuppressionSource.BOUNCE).setReason("mailboxfull")
                        .setFirstSeen(t).setLastSeen(t).setExpiresAt(until).build()))
                .setMessageId("m-9").setCampaignId("spring-sale").build();
        byte[] v = new AvroSerializer<Suppression>(registry, Suppression.getClassSchema(), false).serialize(Topics.SUPPRESSIONS, window);

        List<WebhookEvent> posted = java.util.stream.Stream.of(
                        sources.byTopic().get(Topics.RECEIVED_BOUNCES).toEvent(record(Topics.RECEIVED_BOUNCES, 6, bytes(third))),
                        sources.byTopic().get(Topics.SUPPRESSIONS).toEvent(record(Topics.SUPPRESSIONS, 12, v)))
                .flatMap(java.util.Optional::stream).toList();

        assertThat(posted).as("one DSN, one bounce event").singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("bounce");
            assertThat(e.messageId()).isEqualTo("m-9");
            assertThat(e.attributes()).containsEntry("soft", true).containsEntry("reason", "mailboxfull")
                    .containsEntry("expiresAt", "2026-12-17T12:00:00Z");
        });
    }

    @Test
    void receivedDsnsAndTheSuppressionsTheyMadeShouldCarryTheirMessagesTenantSoTenantFiltersApply() {
        ReceivedBounce acmes = ReceivedBounce.newBuilder(dsn("m-7", ReceivedAction.DELAYED, false, null, "delayed")).setTenant("acme").build();
        ReceivedBounce older = dsn("m-8", ReceivedAction.FAILED, false, "soft", "mailboxfull");
        Instant t = Instant.parse("2026-12-03T12:00:00Z");
        Suppression hard = Suppression.newBuilder().setAddress("kim@gmail.com").setReason("userunknown").setSource(SuppressionSource.BOUNCE)
                .setFirstSeen(t).setLastSeen(t).setMessageId("m-9").setCampaignId("spring-sale").setTenant("acme").build();
        EventSource received = sources.byTopic().get(Topics.RECEIVED_BOUNCES);
        WebhookEvent delay = received.toEvent(record(Topics.RECEIVED_BOUNCES, 1, bytes(acmes))).orElseThrow();
        WebhookEvent soft = received.toEvent(record(Topics.RECEIVED_BOUNCES, 2, bytes(older))).orElseThrow();
        WebhookEvent bounce = sources.byTopic().get(Topics.SUPPRESSIONS).toEvent(record(Topics.SUPPRESSIONS, 3,
                new AvroSerializer<Suppression>(registry, Suppression.getClassSchema(), false).serialize(Topics.SUPPRESSIONS, hard)))
                .orElseThrow();
        io.mailstream.webhooks.config.EndpointFilter acmeOnly =
                new io.mailstream.webhooks.config.EndpointFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("acme"));

        assertThat(delay.tenant()).isEqualTo("acme");
        assertThat(bounce.tenant()).isEqualTo("acme");
        assertThat(soft.tenant()).as("a record that names none").isEqualTo("default");
        assertThat(List.of(delay, soft, bounce)).filteredOn(acmeOnly::matches).containsExactly(delay, bounce);
    }

    @Test
    void aHardDsnShouldBePostedOnceFromItsSuppressionNotAgainFromTheReceivedBounces() {
        assertThat(sources.byTopic().get(Topics.RECEIVED_BOUNCES)
                .toEvent(record(Topics.RECEIVED_BOUNCES, 5, bytes(dsn("m-42", ReceivedAction.FAILED, true, "hard", "userunknown")))))
                .as("its suppression is the bounce event: aBounceTheBounceProcessorTiedToAMessageShouldCarryItsMessageAndCampaign")
                .isEmpty();
    }
}
