package io.mailstream.dispatcher.consume;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages parked because their campaign is paused (or still a draft) or the dispatcher's tables
 * are not current: delivery workers add them, the poll thread puts them back into the domain
 * queues once {@link MessageProcessor#mayRelease} says so. Each hold and release is logged once,
 * not per message. The parked records
 * stay uncommitted, so a crash or rebalance hands them to the next owner like any other.
 */
final class HeldMessages {
    private static final Logger log = LoggerFactory.getLogger(HeldMessages.class);

    private final ConcurrentLinkedQueue<Work.Held> inbox = new ConcurrentLinkedQueue<>();
    private final Set<HoldReason> holding = new HashSet<>();

    /** Where delivery workers park messages; safe from any thread. */
    ConcurrentLinkedQueue<Work.Held> inbox() {
        return inbox;
    }

    /**
     * Drops revoked partitions' messages, hands those held for a paused campaign to {@code pausedCampaign}
     * (they are not kept in memory: see {@link PausedCampaigns}) and re-queues those that may go now. Poll thread only.
     */
    void release(MessageProcessor processor, java.util.function.Consumer<Work> requeue,
                 java.util.function.Consumer<Work.Held> pausedCampaign) {
        Set<HoldReason> released = new HashSet<>();
        for (Iterator<Work.Held> it = inbox.iterator(); it.hasNext(); ) {
            Work.Held h = it.next();
            if (h.work().state().revoked()) {
                it.remove();
            } else if (h.reason() instanceof HoldReason.CampaignPaused) {
                it.remove();
                pausedCampaign.accept(h);
            } else if (holding.add(h.reason())) {
                log.info("holding messages: {} (first at {}@{})", describe(h.reason()), h.work().partition(), h.work().offset());
            } else if (processor.mayRelease(h.reason())) {
                it.remove();
                released.add(h.reason());
                requeue.accept(h.work());
            }
        }
        for (HoldReason reason : released) {
            if (holding.remove(reason)) {
                log.info("releasing the messages held because {}: that is over", describe(reason));
            }
        }
    }

    private static String describe(HoldReason reason) {
        return switch (reason) {
            case HoldReason.CampaignPaused p -> "campaign " + p.campaignId() + " is paused";
            case HoldReason.TablesNotCurrent t -> "the campaign or suppression table is not current";
        };
    }

    void dropRevoked() {
        inbox.removeIf(h -> h.work().state().revoked());
    }

    void clear() {
        inbox.clear();
    }

    int size() {
        return inbox.size();
    }

    /** Why messages are held (campaign id, or the tables), by the first held message's partition. */
    Map<TopicPartition, String> byPartition() {
        Map<TopicPartition, String> out = new HashMap<>();
        for (Work.Held h : inbox) {
            out.putIfAbsent(h.work().partition(), h.reason().label());
        }
        return out;
    }
}
