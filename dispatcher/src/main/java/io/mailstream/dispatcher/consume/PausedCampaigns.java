package io.mailstream.dispatcher.consume;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paused campaigns hold nothing in memory (issue 14): their records are skipped as they are read,
 * and only, per partition, the first skipped offset and the paused campaigns are remembered. The
 * commit never passes that offset ({@link PendingOffsets#hold}); once none of the partition's
 * campaigns is paused any more, the partition is read again from it, and what was delivered
 * meanwhile is skipped by the sent-ledger. So a paused campaign of any size neither fills the
 * buffers (it never slows another campaign or transactional mail) nor loses or repeats a message.
 * Poll thread only.
 */
final class PausedCampaigns {
    private static final Logger log = LoggerFactory.getLogger(PausedCampaigns.class);

    private static final class Skipped {
        long firstOffset;
        long count;
        final Set<HoldReason.CampaignPaused> campaigns = new HashSet<>();

        Skipped(long firstOffset) {
            this.firstOffset = firstOffset;
        }
    }

    /** A partition to read again from {@code offset}: its paused campaigns have all resumed. */
    record Resume(TopicPartition partition, long offset, Set<HoldReason.CampaignPaused> campaigns, long skipped) {
    }

    private final Map<TopicPartition, Skipped> byPartition = new HashMap<>();
    private volatile long skippedTotal; // written by the poll thread only, read by metrics

    /**
     * Skips the record at {@code offset} of a paused campaign.
     *
     * @return true when it is the partition's first skipped record (or earlier than the first): the
     *         caller must then hold the commit at it
     */
    boolean skip(TopicPartition tp, long offset, HoldReason.CampaignPaused campaign) {
        Skipped s = byPartition.get(tp);
        boolean first = s == null || offset < s.firstOffset;
        if (s == null) {
            s = new Skipped(offset);
            byPartition.put(tp, s);
            log.info("campaign {} is paused: skipping its records of {} from offset {} until it resumes", campaign.label(), tp, offset);
        } else if (offset < s.firstOffset) {
            s.firstOffset = offset;
        }
        if (s.campaigns.add(campaign) && !first) {
            log.info("campaign {} is paused: skipping its records of {} too", campaign.label(), tp);
        }
        s.count++;
        skippedTotal = skippedTotal + 1;
        return first;
    }

    /** The first skipped offset of the partition, if it has one: nothing at or after it may be lost by a re-read. */
    Optional<Long> firstOffset(TopicPartition tp) {
        Skipped s = byPartition.get(tp);
        return s == null ? Optional.empty() : Optional.of(s.firstOffset);
    }

    /** The partitions none of whose skipped campaigns is paused any more; they are forgotten here. */
    List<Resume> resumable(Predicate<HoldReason.CampaignPaused> mayGo) {
        List<Resume> out = new ArrayList<>();
        for (Iterator<Map.Entry<TopicPartition, Skipped>> it = byPartition.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Skipped> e = it.next();
            Skipped s = e.getValue();
            if (s.campaigns.stream().allMatch(mayGo)) {
                it.remove();
                out.add(new Resume(e.getKey(), s.firstOffset, Set.copyOf(s.campaigns), s.count));
            }
        }
        return out;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(byPartition::remove);
    }

    /** Campaigns skipped, by partition. */
    Map<TopicPartition, Set<String>> byPartition() {
        Map<TopicPartition, Set<String>> out = new HashMap<>();
        byPartition.forEach((tp, s) -> out.put(tp, s.campaigns.stream().map(HoldReason.CampaignPaused::label)
                .collect(java.util.stream.Collectors.toUnmodifiableSet())));
        return out;
    }

    /** Records skipped so far because their campaign was paused (a record read again while still paused counts again). */
    long skippedTotal() {
        return skippedTotal;
    }
}
