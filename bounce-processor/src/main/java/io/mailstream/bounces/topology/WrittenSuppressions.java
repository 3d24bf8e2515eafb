package io.mailstream.bounces.topology;

import io.mailstream.schemas.address.EmailAddress;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Passes on the records of {@code mail.suppressions} that other writers wrote (not the
 * topology's own, see {@link OwnWrites}), keyed by the normalised address, tombstones included.
 */
final class WrittenSuppressions implements Processor<String, byte[], String, byte[]> {
    private ProcessorContext<String, byte[]> context;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || OwnWrites.writtenByUs(record.headers())) {
            return;
        }
        context.forward(record.withKey(normalize(record.key())));
    }

    // The dispatcher normalises keys the same way, so a hand-written key reaches the same state here and there.
    static String normalize(String key) {
        try {
            return EmailAddress.parse(key).normalized();
        } catch (RuntimeException e) {
            return key.strip().toLowerCase(Locale.ROOT);
        }
    }
}
