package io.mailstream.bounces.stats;

import io.mailstream.avro.EngagementEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns engagement events (keyed by message id, so one message's keys live in one task) into
 * {@link EngagementCount}s, remembering per message which clicks and opens were already counted
 * ({@link EngagementLedger}).
 */
public final class FirstEngagement implements Processor<String, EngagementEvent, String, EngagementCount> {
    private final String storeName;
    private ProcessorContext<String, EngagementCount> context;
    private KeyValueStore<String, Short> seen;

    public FirstEngagement(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, EngagementCount> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, EngagementEvent> record) {
        if (record.value() == null) {
            return;
        }
        EngagementLedger.apply(record.value(), k -> seen.get(k) != null).ifPresent(step -> {
            step.mark().forEach(k -> seen.put(k, (short) 1));
            context.forward(record.withValue(step.count()));
        });
    }
}
