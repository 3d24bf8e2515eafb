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
 * Messages parked because their campaign is paused (or still a draft): delivery workers add them,
 * the poll thread puts them back into the domain queues once {@link MessageProcessor#mayRelease}
 * says so. Each campaign's hold and release is logged once, not per message. The parked records
 * stay uncommitted, so a crash or rebalance hands them to the next owner like any other.
 */
final class HeldMessages {
    private static final Logger log = LoggerFactory.getLogger(HeldMessages.class);

    private final ConcurrentLinkedQueue<Work.Held> inbox = new ConcurrentLinkedQueue<>();
    private final Set<String> heldCampaigns = new HashSet<>();

    /** Where delivery workers park messages; safe from any thread. */
    ConcurrentLinkedQueue<Work.Held> inbox() {
        return inbox;
    }

    /** Drops revoked partitions' messages and re-queues those whose campaign may go now. Poll thread only. */
    void release(MessageProcessor processor, java.util.function.Consumer<Work> requeue) {
        Set<String> released = new HashSet<>();
        for (Iterator<Work.Held> it = inbox.iterator(); it.hasNext(); ) {
            Work.Held h = it.next();
            if (h.work().state().revoked()) {
                it.remove();
            } else if (heldCampaigns.add(h.campaignId())) {
                log.info("campaign {} is paused: holding its messages (first at {}@{})", h.campaignId(),
                        h.work().partition(), h.work().offset());
            } else if (processor.mayRelease(h.campaignId())) {
                it.remove();
                released.add(h.campaignId());
                requeue.accept(h.work());
            }
        }
        for (String campaign : released) {
            if (heldCampaigns.remove(campaign)) {
                log.info("campaign {} no longer paused: releasing its held messages", campaign);
            }
        }
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

    /** Campaigns whose messages are held, by the first held message's partition. */
    Map<TopicPartition, String> byPartition() {
        Map<TopicPartition, String> out = new HashMap<>();
        for (Work.Held h : inbox) {
            out.putIfAbsent(h.work().partition(), h.campaignId());
        }
        return out;
    }
}
