package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes DONE for campaigns whose every message has a terminal outcome ({@link CompletionRule}),
 * judged on this instance's campaign-stats store, on a named thread every {@code interval}.
 *
 * <p>DONE is written with the same compare-and-set as the producer's state changes
 * ({@link CampaignStateWriter}): in a transaction under the campaign's own transactional id, whose
 * {@code initTransactions()} fences any writer of that campaign still in flight, after reading the
 * topic to its end again and re-judging. A launch, pause or cancel that starts after that fences
 * this write (it is then judged again next round); one committed before it is seen. So DONE never
 * overwrites CANCELLED and never reverts a newer launch's record.
 */
public final class CampaignCompletion implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCompletion.class);

    private final Function<String, Optional<CampaignStats>> stats;
    private final Clock clock;
    private final PeriodicCampaignWriter periodic;

    /**
     * @param stats   a campaign's counts on this instance (empty when another instance holds them)
     * @param timeout how long one read of {@code mail.campaigns} or one write may take
     */
    public CampaignCompletion(KafkaConnection kafka, String clientId, AvroSerde<Campaign> serde,
                              Function<String, Optional<CampaignStats>> stats, Duration interval, Duration timeout,
                              Clock clock) {
        this.stats = stats;
        this.clock = clock;
        this.periodic = new PeriodicCampaignWriter(kafka, clientId, serde, "mailstream-campaign-completion-",
                "campaign-completion", "judging campaign completion", interval, timeout);
    }

    public CampaignCompletion start() {
        periodic.start(this::round);
        return this;
    }

    /** One round: every campaign this instance can judge complete gets DONE. Returns the ids marked. */
    List<String> round() {
        List<String> candidates = new ArrayList<>();
        periodic.log().catchUp().forEach((id, c) -> {
            if (CompletionRule.isComplete(c, finished(id))) {
                candidates.add(id);
            }
        });
        List<String> marked = new ArrayList<>();
        for (String id : candidates) {
            if (markDone(id)) {
                marked.add(id);
            }
        }
        return marked;
    }

    private long finished(String campaignId) {
        return stats.apply(campaignId).map(CampaignStats::finishedMessages).orElse(0L);
    }

    private boolean markDone(String campaignId) {
        try {
            CampaignStateWriter.Result result = periodic.writer().write(campaignId, current -> {
                long finished = finished(campaignId);
                if (!CompletionRule.isComplete(current, finished)) {
                    return Optional.empty();
                }
                LOG.info("campaign {}: DONE ({} of {} messages have a terminal outcome)", campaignId, finished,
                        current.getExpectedMessages());
                return Optional.of(Campaign.newBuilder(current).setState(CampaignState.DONE).setUpdatedAt(Instant.now(clock)).build());
            });
            if (result == CampaignStateWriter.Result.FENCED) {
                LOG.info("campaign {} changed while being marked DONE; judged again next round", campaignId);
            }
            return result == CampaignStateWriter.Result.WRITTEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (CompletionException e) {
            LOG.warn("marking campaign {} DONE failed; trying again next round: {}", campaignId, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        periodic.close();
    }
}
