package io.mailstream.dispatcher.campaign;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.dispatcher.follow.TableUpdates;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaigns known to this dispatcher, fed from the compacted {@code mail.campaigns} topic by a
 * follower. Messages name a template version; versions seen since start are kept (a few per
 * campaign) so mail queued before an edit still renders with the templates it was launched with.
 * Thread-safe: one follower thread writes, the dispatch thread reads and may wait for a version.
 */
public final class CampaignCache implements TableUpdates<Campaign> {
    private static final Logger log = LoggerFactory.getLogger(CampaignCache.class);
    private static final int VERSIONS_KEPT = 8;

    private final Map<String, TreeMap<Integer, Campaign>> byId = new HashMap<>();

    @Override
    public synchronized void upsert(String key, Campaign campaign) {
        TreeMap<Integer, Campaign> versions = byId.computeIfAbsent(campaign.getId(), k -> new TreeMap<>());
        Campaign previous = versions.isEmpty() ? null : versions.lastEntry().getValue();
        versions.put(campaign.getVersion(), campaign);
        while (versions.size() > VERSIONS_KEPT) {
            versions.pollFirstEntry();
        }
        if (previous == null || previous.getState() != campaign.getState()) {
            log.info("campaign {} version {} is {}", campaign.getId(), campaign.getVersion(), campaign.getState());
        }
        notifyAll();
    }

    @Override
    public synchronized void remove(String key) {
        if (byId.remove(key) != null) {
            log.info("campaign {} deleted (tombstone)", key);
        }
        notifyAll();
    }

    /**
     * The campaign with the templates of {@code version}. When that version was compacted away
     * before this dispatcher started, the newest known version is used: templates are edited
     * forward, and the latest is what the campaign's owner wants sent now.
     */
    public synchronized Optional<CampaignSnapshot> find(String campaignId, int version) {
        TreeMap<Integer, Campaign> versions = byId.get(campaignId);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        Campaign latest = versions.lastEntry().getValue();
        if (version > latest.getVersion()) {
            return Optional.empty();
        }
        Campaign templates = versions.getOrDefault(version, latest);
        return Optional.of(new CampaignSnapshot(templates, latest.getState()));
    }

    /** The campaign's latest version, whatever it is. */
    public synchronized Optional<CampaignSnapshot> latest(String campaignId) {
        TreeMap<Integer, Campaign> versions = byId.get(campaignId);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        Campaign latest = versions.lastEntry().getValue();
        return Optional.of(new CampaignSnapshot(latest, latest.getState()));
    }

    public synchronized Optional<CampaignState> state(String campaignId) {
        return latest(campaignId).map(CampaignSnapshot::state);
    }

    /**
     * Like {@link #find}, but waits up to {@code timeout} for the version to arrive: the producer
     * publishes a campaign before its messages, but our follower may not have read it yet.
     */
    public synchronized Optional<CampaignSnapshot> await(String campaignId, int version, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<CampaignSnapshot> found = find(campaignId, version);
        while (found.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
            found = find(campaignId, version);
        }
        return found;
    }
}
