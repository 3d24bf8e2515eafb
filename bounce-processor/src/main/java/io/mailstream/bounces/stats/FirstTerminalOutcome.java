package io.mailstream.bounces.stats;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Passes on the first terminal outcome of each message id (records keyed by message id) and drops
 * the repeats: a crash between an SMTP transaction and its event's acknowledgement, or a dispatcher
 * retrying a write, can produce a second terminal event for one message, and a campaign's counts,
 * and so its completion, are per message, not per event.
 */
public final class FirstTerminalOutcome implements FixedKeyProcessor<String, CampaignEvent, CampaignEvent> {
    private final String storeName;
    private FixedKeyProcessorContext<String, CampaignEvent> context;
    private KeyValueStore<String, String> finished;

    public FirstTerminalOutcome(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CampaignEvent> context) {
        this.context = context;
        this.finished = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, CampaignEvent> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        if (finished.get(record.key()) != null) {
            return;
        }
        finished.put(record.key(), record.value().campaignId());
        context.forward(record);
    }
}
