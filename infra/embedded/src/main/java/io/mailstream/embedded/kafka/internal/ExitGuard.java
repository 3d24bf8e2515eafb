package io.mailstream.embedded.kafka.internal;

import io.mailstream.embedded.kafka.EmbeddedKafkaException;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Kafka's JVM exit and halt procedures while at least one in-process broker runs: a fatal
 * broker fault would otherwise halt the host JVM (tests, the launcher) without a word. The fault is
 * logged and thrown instead. Reference-counted because several brokers may share one JVM.
 */
public final class ExitGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
    private static int holders;

    private ExitGuard() {
    }

    public static synchronized void acquire() {
        if (holders++ == 0) {
            Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
            Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
        }
    }

    public static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private static void refuse(String procedure, int code, String message) {
        EmbeddedKafkaException e = EmbeddedKafkaException.fatal(procedure, code, message);
        LOG.error("Kafka requested JVM {} with status {}: {}; refused", procedure, code, message, e);
        throw e;
    }
}
