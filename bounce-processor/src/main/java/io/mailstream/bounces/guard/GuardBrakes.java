package io.mailstream.bounces.guard;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.GuardHold;
import io.mailstream.bounces.completion.CampaignStateWriter;
import io.mailstream.bounces.completion.PeriodicCampaignWriter;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the guard's decisions ({@link GuardProcessor}, read from this instance's decision store)
 * to the campaign records, on a named thread every {@code interval}: a {@link GuardHold} under the
 * provider in {@code Campaign.guardHolds}, which dispatchers honour, and with the campaign scope the
 * state PAUSED. Written with the campaign writers' compare-and-set ({@link CampaignStateWriter}).
 *
 * <p>A decision is applied once: a campaign that has a hold for the provider (held, or resumed by an
 * operator, who then took over) is left alone, so a replay of the decisions changes nothing. A
 * decision about a campaign that is CANCELLED or DONE, or not known, changes nothing either.
 */
public final class GuardBrakes implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(GuardBrakes.class);

    private final Supplier<List<GuardVerdict>> decisions;
    private final Clock clock;
    private final PeriodicCampaignWriter periodic;

    /**
     * @param decisions the decisions this instance's store holds (empty while it is not queryable)
     * @param timeout   how long one read of {@code mail.campaigns} or one write may take
     */
    public GuardBrakes(KafkaConnection kafka, String clientId, AvroSerde<Campaign> serde, Supplier<List<GuardVerdict>> decisions,
                       Duration interval, Duration timeout, Clock clock) {
        this.decisions = decisions;
        this.clock = clock;
        this.periodic = new PeriodicCampaignWriter(kafka, clientId, serde, "mailstream-guard-", "campaign-guard-brakes",
                "applying guard decisions", interval, timeout);
    }

    public GuardBrakes start() {
        periodic.start(this::round);
        return this;
    }

    /** One round: every decision not applied yet is applied. Returns the keys of the decisions applied. */
    List<String> round() throws InterruptedException {
        List<GuardVerdict> pending = new ArrayList<>();
        Map<String, Campaign> campaigns = null;
        for (GuardVerdict v : decisions.get()) {
            if (campaigns == null) {
                campaigns = periodic.log().catchUp();
            }
            if (brake(campaigns.get(v.campaignId()), v, clock.instant()).isPresent()) {
                pending.add(v);
            }
        }
        List<String> applied = new ArrayList<>();
        for (GuardVerdict v : pending) {
            if (periodic.writer().write(v.campaignId(), current -> brake(current, v, clock.instant())) == CampaignStateWriter.Result.WRITTEN) {
                LOG.warn("campaign {}: braked at {} by the guard ({} {} reached {}: {} of {}){}", v.campaignId(), v.provider(),
                        v.rule(), v.rate(), v.line(), v.count(), v.base(), v.wholeCampaign() ? "; the whole campaign is PAUSED" : "");
                applied.add(v.key());
            }
        }
        return applied;
    }

    /** The campaign record with the brake of {@code v}, or empty when it has nothing to change (see the class comment). */
    static Optional<Campaign> brake(Campaign current, GuardVerdict v, Instant now) {
        if (current == null || current.getState() == CampaignState.CANCELLED || current.getState() == CampaignState.DONE) {
            return Optional.empty();
        }
        Map<String, GuardHold> holds = current.getGuardHolds() == null ? new HashMap<>() : new HashMap<>(current.getGuardHolds());
        if (holds.containsKey(v.provider())) {
            return Optional.empty();
        }
        holds.put(v.provider(), v.toHold());
        Campaign.Builder next = Campaign.newBuilder(current).setGuardHolds(holds).setUpdatedAt(now);
        if (v.wholeCampaign()) {
            next.setState(CampaignState.PAUSED);
        }
        return Optional.of(next.build());
    }

    @Override
    public void close() {
        periodic.close();
    }
}
