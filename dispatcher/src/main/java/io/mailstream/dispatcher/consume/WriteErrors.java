package io.mailstream.dispatcher.consume;

import java.util.List;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The never-retry list of write errors: the same record written again meets the same error, so
 * re-reading its partition would loop for ever (mailing the records it re-reads on every pass).
 */
final class WriteErrors {
    private static final List<Class<? extends Throwable>> NEVER_RETRY = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, SerializationException.class,
            WorkerFailureException.class);

    private WriteErrors() {
    }

    static boolean isNonRetriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> c : NEVER_RETRY) {
                if (c.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
