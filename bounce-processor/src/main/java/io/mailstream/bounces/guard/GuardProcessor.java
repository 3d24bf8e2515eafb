package io.mailstream.bounces.guard;

import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.ProviderCounts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each update of a campaign's statistics (keyed by campaign id) at every provider it names,
 * and decides a brake once per campaign and provider: the decision goes to its store (keyed
 * {@link GuardVerdict#key}) and downstream, and a decision already in the store is never made
 * again, whatever the rates do after it (an operator who resumed the provider took over). The rates
 * are those of the configured window ({@link GuardConfig#window()}, event time: the update's timestamp),
 * from samples of the running totals kept per campaign and provider ({@link RateWindow}, store
 * {@code windowStoreName}). The stores are changelogged by Kafka Streams and the statistics derive from
 * the topics, so a restart or a replay from the topics decides the same, once.
 */
public final class GuardProcessor implements Processor<String, CampaignStats, String, GuardVerdict> {
    private static final Logger LOG = LoggerFactory.getLogger(GuardProcessor.class);

    private final String storeName;
    private final String windowStoreName;
    private final GuardRules rules;
    private final boolean enabled;
    private final boolean wholeCampaign;
    private final Duration window;
    private ProcessorContext<String, GuardVerdict> context;
    private KeyValueStore<String, GuardVerdict> decided;
    private KeyValueStore<String, RateWindow> windows;

    public GuardProcessor(String storeName, String windowStoreName, GuardConfig config) {
        this.storeName = storeName;
        this.windowStoreName = windowStoreName;
        this.rules = new GuardRules(config);
        this.enabled = config.enabled();
        this.wholeCampaign = config.scope() == GuardConfig.GuardScope.CAMPAIGN;
        this.window = config.window();
    }

    @Override
    public void init(ProcessorContext<String, GuardVerdict> context) {
        this.context = context;
        this.decided = context.getStateStore(storeName);
        this.windows = context.getStateStore(windowStoreName);
    }

    @Override
    public void process(Record<String, CampaignStats> record) {
        CampaignStats stats = record.value();
        if (record.key() == null || stats == null || !enabled) {
            return;
        }
        for (Map.Entry<String, ProviderCounts> e : stats.byProvider().entrySet()) {
            String key = GuardVerdict.key(record.key(), e.getKey());
            if (decided.get(key) != null) {
                continue;
            }
            RateWindow before = windows.get(key);
            RateWindow sampled = (before == null ? RateWindow.empty() : before).record(record.timestamp(), e.getValue(), window);
            Optional<Breach> breach = rules.judge(sampled.within(record.timestamp(), window));
            if (breach.isPresent()) {
                GuardVerdict v = GuardVerdict.of(record.key(), e.getKey(), breach.get(), wholeCampaign, record.timestamp());
                decided.put(key, v);
                windows.delete(key); // decided once: its rates are never judged again
                LOG.warn("campaign {}: {} at {} is {} (line {}; {} of {}): braking {}", v.campaignId(), v.rule(), v.provider(),
                        v.rate(), v.line(), v.count(), v.base(), wholeCampaign ? "the whole campaign" : "that provider");
                context.forward(record.withKey(key).withValue(v));
            } else if (!sampled.equals(before)) {
                windows.put(key, sampled); // every update names every provider of the campaign: most change nothing
            }
        }
    }
}
