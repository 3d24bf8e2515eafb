package io.mailstream.bounces.guard;

import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.ProviderCounts;
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
 * again, whatever the rates do after it (an operator who resumed the provider took over). The store
 * is changelogged by Kafka Streams and the statistics derive from the topics, so a restart or a
 * replay from the topics decides the same, once.
 */
public final class GuardProcessor implements Processor<String, CampaignStats, String, GuardVerdict> {
    private static final Logger LOG = LoggerFactory.getLogger(GuardProcessor.class);

    private final String storeName;
    private final GuardRules rules;
    private final boolean wholeCampaign;
    private ProcessorContext<String, GuardVerdict> context;
    private KeyValueStore<String, GuardVerdict> decided;

    public GuardProcessor(String storeName, GuardConfig config) {
        this.storeName = storeName;
        this.rules = new GuardRules(config);
        this.wholeCampaign = config.scope() == GuardConfig.GuardScope.CAMPAIGN;
    }

    @Override
    public void init(ProcessorContext<String, GuardVerdict> context) {
        this.context = context;
        this.decided = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, CampaignStats> record) {
        CampaignStats stats = record.value();
        if (record.key() == null || stats == null) {
            return;
        }
        for (Map.Entry<String, ProviderCounts> e : stats.byProvider().entrySet()) {
            String key = GuardVerdict.key(record.key(), e.getKey());
            if (decided.get(key) != null) {
                continue;
            }
            Optional<Breach> breach = rules.judge(e.getValue());
            if (breach.isPresent()) {
                GuardVerdict v = GuardVerdict.of(record.key(), e.getKey(), breach.get(), wholeCampaign, record.timestamp());
                decided.put(key, v);
                LOG.warn("campaign {}: {} at {} is {} (line {}; {} of {}): braking {}", v.campaignId(), v.rule(), v.provider(),
                        v.rate(), v.line(), v.count(), v.base(), wholeCampaign ? "the whole campaign" : "that provider");
                context.forward(record.withKey(key).withValue(v));
            }
        }
    }
}
