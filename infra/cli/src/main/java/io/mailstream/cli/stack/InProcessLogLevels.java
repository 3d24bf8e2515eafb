package io.mailstream.cli.stack;

/**
 * Log levels for commands that run the broker in their own JVM (demo, stack, bench): there, a few
 * Kafka warnings describe start-up races that resolve themselves, not problems, and would be the
 * first thing a new user reads. Against a real cluster (dispatcher, bounce-processor, launch…) these
 * loggers keep the CLI's defaults, because there "node not available" is the news.
 *
 * <p>slf4j-simple reads a logger's level when the logger is created, so this runs before the stack starts.
 */
public final class InProcessLogLevels {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private InProcessLogLevels() {
    }

    public static void quietStartupRaces() {
        // "metadata response … UNKNOWN_TOPIC_OR_PARTITION" while Streams creates its internal topics,
        // and "already closed" when the in-process broker stops its own clients.
        quiet("org.apache.kafka.clients.NetworkClient");
        // "Auto topic creation failed … TOPIC_ALREADY_EXISTS": a client asked just as provisioning created it.
        quiet("org.apache.kafka.server.DefaultAutoTopicCreationManager");
        // "Performing controller activation. The metadata log appears to be empty": every fresh embedded broker.
        quiet("org.apache.kafka.controller.QuorumController");
    }

    /** The demo's Streams state lives in a throwaway temporary folder on purpose. */
    public static void allowTemporaryStateDir() {
        quiet("org.apache.kafka.streams.processor.internals.StateDirectory");
    }

    private static void quiet(String logger) {
        System.setProperty(PREFIX + logger, "error");
    }
}
