package io.mailstream.bounces.topology;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.ReceivedBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.GuardDecision;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.guard.GuardProcessor;
import io.mailstream.bounces.guard.RateWindow;
import io.mailstream.bounces.guard.GuardVerdict;
import io.mailstream.bounces.stats.CampaignEvent;
import io.mailstream.bounces.stats.CampaignEvents;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.EngagementCount;
import io.mailstream.bounces.stats.EngagementStats;
import io.mailstream.bounces.stats.FinalOutcome;
import io.mailstream.bounces.stats.FirstEngagement;
import io.mailstream.bounces.stats.OutcomeNotice;
import io.mailstream.bounces.suppress.SuppressionParts;
import io.mailstream.bounces.topology.internal.DecodeProcessor;
import io.mailstream.bounces.topology.internal.Decoded;
import io.mailstream.bounces.topology.internal.JsonSerde;
import io.mailstream.bounces.topology.internal.PatientDeserializer;
import io.mailstream.bounces.topology.internal.UnknownSchemaWaits;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.sites.MailboxProviders;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The bounce processor's Kafka Streams topology, built by a pure function so that tests drive it
 * with {@code TopologyTestDriver} and no broker.
 *
 * <pre>
 * mail.bounces.raw ──decode──classify (RFC 3464 / 5965 / 3834)──claims checked against recipient-by-message──┐
 * mail.delivery-events ──decode──BOUNCED/EXPIRED classified ────────────────────────────────────────────────┼─ changes by address ─ SuppressionProcessor ─ mail.suppressions
 * mail.suppressions ──records and tombstones of other writers ─────────────────────────────────────────────┘
 * mail.delivery-events ── message id → recipient, campaign (recipient-by-message) ── the claims' check
 * mail.campaigns ── global table (campaigns) ── the list a mailto unsubscribe leaves
 * mail.delivery-events ── terminal outcomes ┐
 * checked DSN claims (failed) ───────────────┼ final outcome per message id ─┬─ aggregate ─ campaign-stats store
 * delayed DSNs at a signed return path ──────┘                               │
 * mail.delivery-events ── deferrals ─────────────────────────────────────────┤
 * checked complaint claims (campaign, recipient) ────────────────┘
 * SuppressionProcessor: checked DSN claims (failed), saying whether they suppressed ┐
 * delayed DSNs naming their message's recipient (held as claims) ────────────────────┴ mail.received-bounces (for the webhooks)
 * campaign-stats updates ── GuardProcessor (rates by provider over a window: guard-windows store; decided once: guard-decisions store) ── mail.guard-decisions
 * mail.engagement (by message id) ── first click/open per message and link ── aggregate ─ campaign-engagement store
 * corrupt records of any input ─ mail.dead-letter
 * </pre>
 * The API's global table of {@code mail.suppressions} is a second topology, {@link #buildSuppressionTable}.
 */
public final class BounceTopology {
    public static final String SUPPRESSION_STORE = "suppressions-by-address";
    public static final String SOFT_BOUNCE_STORE = "soft-bounces-by-address";
    public static final String CAMPAIGN_STATS_STORE = "campaign-stats";
    /** Campaign id → its {@link EngagementStats} (clicks and opens, issue 18). */
    public static final String CAMPAIGN_ENGAGEMENT_STORE = "campaign-engagement";
    /** {@code <messageId> NUL C|O [NUL link]} → seen: which clicks and opens of a message were counted already. */
    static final String ENGAGED_MESSAGE_STORE = "engaged-messages";
    /** Global store of {@link #buildSuppressionTable}: all of {@code mail.suppressions} on every instance, for the API. */
    public static final String SUPPRESSION_TABLE_STORE = "suppressions-table";
    static final String EXPIRY_INDEX_STORE = "suppression-expiries";
    /** Message id → its {@link io.mailstream.bounces.stats.OutcomeLedger} entry (campaign and counted category). */
    static final String FINISHED_MESSAGE_STORE = "finished-messages";
    /** Message id → normalised recipient, from the delivery events of mail that was handed to a server. */
    static final String RECIPIENT_BY_MESSAGE_STORE = "recipient-by-message";
    /** Global store of {@code mail.campaigns}: the list of a mailto unsubscribe's campaign. */
    static final String CAMPAIGN_STORE = "campaigns";
    /** Reports whose message has no known delivery yet, held for {@link TopologyConfig#pendingReportHold()}. */
    static final String PENDING_REPORTS_STORE = "pending-reports";
    /** {@code <campaignId>|<provider>} → the guard's decision ({@link GuardVerdict}); read by {@code GuardBrakes}. */
    public static final String GUARD_DECISION_STORE = "guard-decisions";
    /** Samples of each campaign's running totals per provider, for the guard's windowed rates ({@code RateWindow}). */
    public static final String GUARD_WINDOW_STORE = "guard-windows";
    private static final java.util.Set<Outcome> SENT = java.util.EnumSet.of(Outcome.DELIVERED, Outcome.DEFERRED, Outcome.BOUNCED,
            Outcome.EXPIRED);

    private BounceTopology() {
    }

    public static Topology build(StreamsBuilder builder, TopologyConfig config, SchemaRegistry registry,
                                 TopologyCounters counters) {
        return build(builder, config, registry, counters, java.util.Optional.empty());
    }

    /**
     * As {@link #build(StreamsBuilder, TopologyConfig, SchemaRegistry, TopologyCounters)}, checking the
     * signed return path in the message a feedback-loop report returns with {@code returnPaths}' keys
     * (without them only the report's envelope and unsigned ids can tie a complaint, see {@link FeedbackReports}).
     */
    public static Topology build(StreamsBuilder builder, TopologyConfig config, SchemaRegistry registry,
                                 TopologyCounters counters, java.util.Optional<io.mailstream.schemas.verp.SignedVerp> returnPaths) {
        FailureExtractor extractor = new FailureExtractor(new BounceClassifier(), counters, returnPaths,
                config.holdLowConfidenceHard());
        AvroSerde<DeliveryEvent> eventSerde = AvroSerde.forValue(DeliveryEvent.class, registry);
        AvroSerde<Suppression> suppressionSerde = AvroSerde.forValue(Suppression.class, registry);
        JsonSerde<RecipientFailure> failureSerde = JsonSerde.of(RecipientFailure.class);

        UnknownSchemaWaits unknownSchemas = new UnknownSchemaWaits(UnknownSchemaWaits.DEFAULT_MAX_WAIT);
        KStream<String, RawBounce> bounces = decoded(builder, Topics.BOUNCES_RAW, AvroSerde.forValue(RawBounce.class, registry),
                counters, "bounces", unknownSchemas);
        KStream<String, DeliveryEvent> events = decoded(builder, Topics.DELIVERY_EVENTS, eventSerde, counters, "events",
                unknownSchemas);

        KStream<String, RecipientFailure> received =
                bounces.flatMapValues(extractor::fromBounce, Named.as("classify-bounces"));
        KStream<String, RecipientFailure> bounceFailures =
                received.filter((k, f) -> f.kind() != FailureKind.DELAYED, Named.as("bounce-failures"));
        KStream<String, RecipientFailure> delays =
                received.filter((k, f) -> f.kind() == FailureKind.DELAYED, Named.as("delay-notices"));
        KStream<String, RecipientFailure> eventFailures =
                events.flatMapValues(extractor::fromDeliveryEvent, Named.as("classify-events"));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SUPPRESSION_STORE), Serdes.String(), suppressionSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SOFT_BOUNCE_STORE), Serdes.String(), JsonSerde.of(SoftBounceHistory.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EXPIRY_INDEX_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_REPORTS_STORE), Serdes.String(), failureSerde));
        GlobalKTable<String, Campaign> campaigns = builder.globalTable(Topics.CAMPAIGNS,
                Consumed.with(Serdes.String(), CampaignLists.serde(registry, counters)).withName("read-campaigns"),
                Materialized.<String, Campaign, KeyValueStore<Bytes, byte[]>>as(CAMPAIGN_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(CampaignLists.serde(registry, counters)));
        KTable<String, String> recipientByMessage = recipientByMessage(events);
        // delays wait for their message's delivery event as bounces do: a relay's quick delay notice can overtake it
        KStream<String, RecipientFailure> checked = checkedAgainstTheirMessage(
                bounceFailures.merge(delays, Named.as("claims-and-delays")), recipientByMessage, config, counters, campaigns);
        receivedDelays(checked.filter((k, f) -> f.kind() == FailureKind.DELAYED, Named.as("checked-delays")), registry);
        KStream<String, AddressChange> failures = bounceFailures.filterNot((k, f) -> f.claimed(), Named.as("unclaimed-failures"))
                .merge(checked.filter((k, f) -> f.kind() != FailureKind.DELAYED, Named.as("checked-failures")),
                        Named.as("received-failures"))
                .merge(eventFailures, Named.as("all-failures"))
                .selectKey((k, f) -> f.address(), Named.as("key-by-address"))
                .mapValues(AddressChange::of, Named.as("failure-changes"));
        // Both inputs go through one repartition topic, so every change of an address meets its state in one task.
        KStream<String, SuppressionOutput> decided = failures
                .merge(writtenByOthers(builder, suppressionSerde, counters, unknownSchemas), Named.as("all-changes"))
                .repartition(Repartitioned.<String, AddressChange>as("changes-by-address")
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(AddressChange.class)))
                .process(() -> new SuppressionProcessor(config, counters), Named.as("suppress"),
                        SUPPRESSION_STORE, SOFT_BOUNCE_STORE, EXPIRY_INDEX_STORE);
        decided.filter((k, o) -> o instanceof SuppressionOutput.AddressRecord, Named.as("address-records"))
                .mapValues(SuppressionOutput::suppressionOf, Named.as("suppression-records"))
                .to(Topics.SUPPRESSIONS, Produced.with(Serdes.String(), suppressionSerde));
        decided.filter((k, o) -> o instanceof SuppressionOutput.ReceivedDsn, Named.as("tied-bounces"))
                .mapValues(SuppressionOutput::bounceOf, Named.as("received-bounce-records"))
                .to(Topics.RECEIVED_BOUNCES, Produced.with(Serdes.String(), AvroSerde.forValue(ReceivedBounce.class, registry))
                        .withName("write-received-bounces"));

        campaignStats(builder, events, bounceFailures, checked, delays, config, registry);
        engagementStats(builder, decoded(builder, Topics.ENGAGEMENT, AvroSerde.forValue(EngagementEvent.class, registry), counters,
                "engagement", unknownSchemas));
        return builder.build();
    }

    /**
     * Clicks and opens per campaign and per link (issue 18): unique counts from a store of what each
     * message already did ({@link FirstEngagement}, keyed by message id as {@code mail.engagement} is),
     * then one aggregate per campaign in {@link #CAMPAIGN_ENGAGEMENT_STORE}.
     */
    private static void engagementStats(StreamsBuilder builder, KStream<String, EngagementEvent> engagement) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ENGAGED_MESSAGE_STORE), Serdes.String(), Serdes.Short()));
        engagement.filter((k, e) -> e.getCampaignId() != null, Named.as("campaign-engagement-events"))
                .process(() -> new FirstEngagement(ENGAGED_MESSAGE_STORE), Named.as("first-engagement"), ENGAGED_MESSAGE_STORE)
                .groupBy((k, c) -> c.campaignId(), Grouped.with("engagement-by-campaign", Serdes.String(), JsonSerde.of(EngagementCount.class)))
                .aggregate(() -> null, (campaignId, c, stats) -> (stats == null ? EngagementStats.empty(campaignId) : stats).plus(c),
                        Named.as("count-engagement"),
                        Materialized.<String, EngagementStats, KeyValueStore<Bytes, byte[]>>as(CAMPAIGN_ENGAGEMENT_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(EngagementStats.class)));
    }

    /**
     * The claims of received reports (the message id from their signed return path) that hold: only
     * for the address the message was sent to, as the delivery events say. Keyed by message id.
     * (Unclaimed failures, imports and feedback-loop complaints without a signed id, apply as they are.)
     */
    private static KStream<String, RecipientFailure> checkedAgainstTheirMessage(KStream<String, RecipientFailure> bounceFailures,
                                                                              KTable<String, String> recipientByMessage,
                                                                              TopologyConfig config,
                                                                              TopologyCounters counters,
                                                                              GlobalKTable<String, Campaign> campaigns) {
        MessageRecipientCheck check = new MessageRecipientCheck(counters);
        return bounceFailures
                .filter((k, f) -> f.claimed(), Named.as("claimed-failures"))
                .selectKey((k, f) -> f.messageId(), Named.as("claim-by-message"))
                .leftJoin(recipientByMessage, ClaimCheck::new,
                        Joined.<String, RecipientFailure, String>as("claim-recipient")
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(RecipientFailure.class)))
                // a report that overtook its delivery event waits for it (bounded), see PendingReports
                .process(() -> new PendingReports(config, check, counters), Named.as("claims-that-match"),
                        RECIPIENT_BY_MESSAGE_STORE, PENDING_REPORTS_STORE)
                // a mailto unsubscribe leaves the list of its message's campaign only, as the one-click page does
                .leftJoin(campaigns, (messageId, f) -> f.kind() == FailureKind.UNSUBSCRIBE && f.campaignId() != null ? f.campaignId() : "",
                        (f, campaign) -> campaign == null ? f : f.scopedTo(campaign.getListId()), Named.as("unsubscribe-list"));
    }

    /** Message id → {@link SentMessage} (its recipient, campaign and tenant), from the delivery events of mail handed to a server. */
    private static KTable<String, String> recipientByMessage(KStream<String, DeliveryEvent> events) {
        return events
                .filter((k, e) -> SENT.contains(e.getOutcome()) && e.getRecipient() != null, Named.as("sent-events"))
                .selectKey((k, e) -> e.getMessageId(), Named.as("sent-by-message"))
                .mapValues(e -> new SentMessage(WrittenSuppressions.normalize(e.getRecipient()), e.getCampaignId(), e.getTenant()).encode(),
                        Named.as("recipient-of-message"))
                .toTable(Named.as("recipient-by-message-table"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(RECIPIENT_BY_MESSAGE_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
    }

    /**
     * The delay notices that name the recipient their message went to (checked as bounces' claims are, and held
     * like them while their message's delivery event is not known yet: {@link PendingReports}), to
     * {@code mail.received-bounces} (keyed by message id) for the webhooks. (The bounces whose claim held go there
     * from the suppression step, which knows whether they suppressed: {@link SuppressionOutput}.)
     */
    private static void receivedDelays(KStream<String, RecipientFailure> checkedDelays, SchemaRegistry registry) {
        checkedDelays.mapValues(ReceivedBounces::delayed, Named.as("tied-delays"))
                .to(Topics.RECEIVED_BOUNCES, Produced.with(Serdes.String(), AvroSerde.forValue(ReceivedBounce.class, registry))
                        .withName("write-received-delays"));
    }

    /** What operators, the API and unsubscribes wrote to {@code mail.suppressions}: parts to merge, or an operator's lift. */
    private static KStream<String, AddressChange> writtenByOthers(StreamsBuilder builder, AvroSerde<Suppression> serde,
                                                                  TopologyCounters counters, UnknownSchemaWaits unknownSchemas) {
        KStream<String, byte[]> written = builder
                .stream(Topics.SUPPRESSIONS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-suppressions"))
                .process(WrittenSuppressions::new, Named.as("written-by-others"));
        KStream<String, AddressChange> lifts = written
                .filter((k, v) -> v == null, Named.as("tombstones-by-others"))
                .mapValues(v -> AddressChange.liftedByOperator(), Named.as("lifted-by-others"));
        KStream<String, Decoded<Suppression>> decoded =
                written.process(() -> new DecodeProcessor<>(serde, counters::corruptRecord, DecodeProcessor.DEFAULT_TRANSIENT_PAUSE,
                        unknownSchemas), Named.as("decode-written"));
        decoded.filterNot((k, d) -> d.isOk(), Named.as("corrupt-written"))
                .mapValues(Decoded::original, Named.as("original-written"))
                .to(Topics.DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return decoded.filter((k, d) -> d.isOk(), Named.as("valid-written"))
                .mapValues(d -> AddressChange.written(SuppressionParts.fromAvro(d.value())), Named.as("parts-written"))
                .merge(lifts, Named.as("written-changes"));
    }

    /**
     * The whole of {@code mail.suppressions} as a global store ({@link #SUPPRESSION_TABLE_STORE}) on
     * every instance, for the API's interactive queries. A topology of its own, run by a second
     * Streams instance: Kafka Streams lets one topology read a topic either as a stream (the
     * suppression processor merges every writer's records) or as a global table, not both.
     */
    public static Topology buildSuppressionTable(StreamsBuilder builder, SchemaRegistry registry) {
        return buildSuppressionTable(builder, registry, d -> Thread.sleep(d.toMillis()));
    }

    /**
     * As {@link #buildSuppressionTable(StreamsBuilder, SchemaRegistry)}; a registry outage is waited
     * out with {@code pause} between attempts (never skipped: the API would miss a suppression).
     * Corrupt records are skipped here: the main topology reads the same topic and dead-letters them.
     */
    public static Topology buildSuppressionTable(StreamsBuilder builder, SchemaRegistry registry,
                                                 PatientDeserializer.Pause pause) {
        AvroSerde<Suppression> suppressionSerde = AvroSerde.forValue(Suppression.class, registry);
        Serde<Suppression> patient = Serdes.serdeFrom(suppressionSerde.serializer(),
                new PatientDeserializer<>(suppressionSerde.deserializer(), pause));
        builder.globalTable(Topics.SUPPRESSIONS, Consumed.with(Serdes.String(), patient).withName("read-suppressions-table"),
                Materialized.<String, Suppression, KeyValueStore<Bytes, byte[]>>as(SUPPRESSION_TABLE_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(suppressionSerde));
        return builder.build();
    }

    private static void campaignStats(StreamsBuilder builder, KStream<String, DeliveryEvent> events,
                                      KStream<String, RecipientFailure> bounceFailures,
                                      KStream<String, RecipientFailure> checkedClaims,
                                      KStream<String, RecipientFailure> delays,
                                      TopologyConfig config, SchemaRegistry registry) {
        BounceClassifier classifier = new BounceClassifier();
        JsonSerde<CampaignEvent> campaignEventSerde = JsonSerde.of(CampaignEvent.class);
        KStream<String, DeliveryEvent> ofCampaigns =
                events.filter((k, e) -> e.getCampaignId() != null, Named.as("campaign-events"));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FINISHED_MESSAGE_STORE), Serdes.String(), Serdes.String()));
        KStream<String, OutcomeNotice> terminal = ofCampaigns
                .filter((k, e) -> e.getOutcome() != Outcome.DEFERRED, Named.as("terminal-events"))
                .map((k, e) -> KeyValue.pair(e.getMessageId(), OutcomeNotice.of(CampaignEvents.of(e, classifier).orElseThrow())),
                        Named.as("terminal-by-message"));
        // A relay accepted the message (DELIVERED), then its DSN came back to the signed return path
        // and named the message's own recipient (checked above): the message bounced after all.
        KStream<String, OutcomeNotice> lateBounces = checkedClaims
                .filter((k, f) -> f.kind() == FailureKind.HARD || f.kind() == FailureKind.PROVISIONAL_HARD || f.kind() == FailureKind.SOFT,
                        Named.as("late-bounces"))
                .mapValues(f -> OutcomeNotice.receivedBounce(f.reason()), Named.as("late-bounce-notices"));
        KStream<String, OutcomeNotice> lateDelays = delays
                .selectKey((k, f) -> f.messageId(), Named.as("delay-by-message"))
                .mapValues(f -> OutcomeNotice.receivedDelay(), Named.as("delay-notices-by-message"));
        // Each message counts once, in its final category (OutcomeLedger): a repeated terminal event
        // (e.g. after a crash) counts nothing, a later DSN moves it from delivered to bounced, so the
        // counts say how many messages are finished: what DONE is judged on.
        KStream<String, CampaignEvent> finalOutcomes = terminal
                .merge(lateBounces, Named.as("terminal-and-late-bounces"))
                .merge(lateDelays, Named.as("all-outcome-notices"))
                .repartition(Repartitioned.<String, OutcomeNotice>as("terminal-outcomes-by-message")
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(OutcomeNotice.class)))
                .process(() -> new FinalOutcome(FINISHED_MESSAGE_STORE), Named.as("final-outcome"),
                        FINISHED_MESSAGE_STORE);
        // Complaints are counted once their claim held against the message's delivery event (the
        // recipient check, which waits for an event the report overtook: PendingReports): that event
        // names the campaign and the recipient, hence the provider. A join with a table of the
        // outcomes instead dropped a complaint read before its message's outcome (seen on a loaded broker).
        KStream<String, CampaignEvent> complaints = checkedClaims
                .filter((k, f) -> f.kind() == FailureKind.COMPLAINT && f.campaignId() != null, Named.as("complaints"))
                .mapValues(f -> new CampaignEvent(f.campaignId(), CampaignEvent.Type.COMPLAINT, null,
                        MailboxProviders.of(f.address()).orElse(null)), Named.as("complaint-events"));
        KStream<String, CampaignEvent> deferrals = ofCampaigns
                .filter((k, e) -> e.getOutcome() == Outcome.DEFERRED, Named.as("deferral-events"))
                .mapValues(e -> CampaignEvents.of(e, classifier).orElseThrow(), Named.as("campaign-deferrals"));
        KTable<String, CampaignStats> statsTable = finalOutcomes.merge(deferrals, Named.as("campaign-outcomes"))
                .merge(complaints, Named.as("campaign-all"))
                .groupBy((k, e) -> e.campaignId(), Grouped.with("events-by-campaign", Serdes.String(), campaignEventSerde))
                .aggregate(() -> null, (campaignId, e, stats) -> (stats == null ? CampaignStats.empty(campaignId) : stats).plus(e),
                        Named.as("count-campaign"),
                        Materialized.<String, CampaignStats, KeyValueStore<Bytes, byte[]>>as(CAMPAIGN_STATS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(CampaignStats.class)));
        guard(builder, statsTable, config, registry);
    }

    /**
     * The campaign guard: every update of a campaign's statistics is judged at each provider, and a
     * brake is decided once per campaign and provider ({@link GuardProcessor}) and written to
     * {@code mail.guard-decisions}; {@link io.mailstream.bounces.guard.GuardBrakes} applies it to the campaign record.
     */
    private static void guard(StreamsBuilder builder, KTable<String, CampaignStats> stats, TopologyConfig config,
                              SchemaRegistry registry) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(GUARD_DECISION_STORE), Serdes.String(), JsonSerde.of(GuardVerdict.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(GUARD_WINDOW_STORE), Serdes.String(), JsonSerde.of(RateWindow.class)));
        stats.toStream(Named.as("campaign-stats-updates"))
                .process(() -> new GuardProcessor(GUARD_DECISION_STORE, GUARD_WINDOW_STORE, config.guard()), Named.as("guard"),
                        GUARD_DECISION_STORE, GUARD_WINDOW_STORE)
                .mapValues(GuardVerdict::toAvro, Named.as("guard-decision-records"))
                .to(Topics.GUARD_DECISIONS, Produced.<String, GuardDecision>with(Serdes.String(),
                        AvroSerde.forValue(GuardDecision.class, registry)).withName("write-guard-decisions"));
    }

    private static <T extends SpecificRecord> KStream<String, T> decoded(StreamsBuilder builder, String topic,
                                                                         AvroSerde<T> serde, TopologyCounters counters,
                                                                         String name, UnknownSchemaWaits unknownSchemas) {
        KStream<String, Decoded<T>> decoded = builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + name))
                .process(() -> new DecodeProcessor<>(serde, counters::corruptRecord, DecodeProcessor.DEFAULT_TRANSIENT_PAUSE,
                        unknownSchemas), Named.as("decode-" + name));
        decoded.filterNot((k, d) -> d.isOk(), Named.as("corrupt-" + name))
                .mapValues(Decoded::original, Named.as("original-" + name))
                .to(Topics.DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return decoded.filter((k, d) -> d.isOk(), Named.as("valid-" + name)).mapValues(Decoded::value, Named.as("value-" + name));
    }
}
