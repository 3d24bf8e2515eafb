package io.mailstream.bounces.stats;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each message's entry of the {@link OutcomeLedger} (records keyed by message id) and
 * forwards what the campaign statistics must count: the first terminal outcome of a message (a
 * crash between an SMTP transaction and its event's acknowledgement, or a retried write, can
 * produce a second one), a move from delivered to bounced when a relay's DSN arrives later, and
 * the deferrals of delayed DSNs.
 */
public final class FinalOutcome implements Processor<String, OutcomeNotice, String, CampaignEvent> {
    private final String storeName;
    private ProcessorContext<String, CampaignEvent> context;
    private KeyValueStore<String, String> ledger;

    public FinalOutcome(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, CampaignEvent> context) {
        this.context = context;
        this.ledger = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, OutcomeNotice> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        OutcomeLedger.Step step = OutcomeLedger.apply(OutcomeLedger.Entry.decode(ledger.get(record.key())), record.value());
        if (step.next() != null) {
            ledger.put(record.key(), step.next().encode());
        }
        step.counted().forEach(e -> context.forward(record.withValue(e)));
    }
}
