package io.mailstream.bounces.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Marks the records the topology writes to {@code mail.suppressions}, so that reading the topic
 * back it merges only what other writers (operators, the API, unsubscribes) put there.
 */
final class OwnWrites {
    static final String HEADER = "mailstream.writer";
    private static final byte[] TOPOLOGY = "bounce-topology".getBytes(StandardCharsets.UTF_8);

    private OwnWrites() {
    }

    static Headers headers() {
        return new RecordHeaders().add(HEADER, TOPOLOGY);
    }

    static boolean writtenByUs(Headers headers) {
        Header h = headers.lastHeader(HEADER);
        return h != null && Arrays.equals(h.value(), TOPOLOGY);
    }
}
