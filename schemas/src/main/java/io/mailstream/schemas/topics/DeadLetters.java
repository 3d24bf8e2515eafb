package io.mailstream.schemas.topics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The contract of {@code mail.dead-letter}: every service copies a record it cannot process there
 * with its original key, value and headers, plus provenance headers (as Kafka Connect's and
 * spring-kafka's dead-letter topics do), so that {@code mailstream dead-letter list|replay} can
 * show it and, once the cause is fixed, put it back where it came from.
 */
public final class DeadLetters {
    public static final String HEADER_SOURCE_TOPIC = "mailstream.dlt.source-topic";
    public static final String HEADER_SOURCE_PARTITION = "mailstream.dlt.source-partition";
    public static final String HEADER_SOURCE_OFFSET = "mailstream.dlt.source-offset";
    public static final String HEADER_SCHEMA_ID = "mailstream.dlt.schema-id";
    /** The error, as text, for people. */
    public static final String HEADER_ERROR = "mailstream.dlt.error";
    /** Why, as one of {@link Reason}, for filters. */
    public static final String HEADER_REASON = "mailstream.dlt.reason";
    /** On a truncated dead letter: the original value's and key's sizes, {@code value=N,key=M}. */
    public static final String HEADER_TRUNCATED_FROM = "mailstream.dlt.truncated-from";
    /** The provenance header names the bounce processor wrote before this contract (read as fallbacks). */
    public static final String LEGACY_HEADER_TOPIC = "mailstream.dlt.topic";
    public static final String LEGACY_HEADER_PARTITION = "mailstream.dlt.partition";
    public static final String LEGACY_HEADER_OFFSET = "mailstream.dlt.offset";
    /** Set on a record re-published by {@code dead-letter replay}: where its dead letter was. */
    public static final String HEADER_REPLAYED_FROM = "mailstream.dlt.replayed-from";

    /** Why a record was dead-lettered. */
    public enum Reason {
        /** The bytes are not a record we can read (wrong magic byte, undecodable Avro). */
        CORRUPT,
        /** The registry did not know the schema id (for as long as the reader waited). */
        UNKNOWN_SCHEMA,
        /** The id names a JSON Schema or Protobuf schema: another serializer wrote it. */
        NOT_AVRO,
        /** A write the record caused was refused for good (too large, a bug): a truncated copy. */
        WRITE_REFUSED;

        public String headerValue() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private DeadLetters() {
    }

    /** The dead letter of {@code record}: bytes and headers untouched, plus where it came from and why. */
    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> record, Reason reason, String error,
                                                    Optional<Integer> schemaId) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        provenance(headers, record, reason, error);
        schemaId.ifPresent(id -> headers.add(HEADER_SCHEMA_ID, utf8(Integer.toString(id))));
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers);
    }

    /**
     * A dead letter of a record Kafka will never accept again (too large, invalid): value and key
     * cut to {@code maxValue} and {@code maxKey} bytes, the original headers left out (they may be
     * what made it too large), with where it came from, why, and the original sizes. It can be
     * listed but not replayed.
     */
    public static ProducerRecord<byte[], byte[]> truncated(ConsumerRecord<byte[], byte[]> record, String error,
                                                           int maxValue, int maxKey) {
        RecordHeaders headers = new RecordHeaders();
        provenance(headers, record, Reason.WRITE_REFUSED, error.length() <= 1000 ? error : error.substring(0, 1000));
        headers.add(HEADER_TRUNCATED_FROM, utf8("value=" + length(record.value()) + ",key=" + length(record.key())));
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, head(record.key(), maxKey), head(record.value(), maxValue), headers);
    }

    private static void provenance(Headers headers, ConsumerRecord<?, ?> record, Reason reason, String error) {
        headers.add(HEADER_SOURCE_TOPIC, utf8(record.topic()));
        headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(HEADER_REASON, utf8(reason.headerValue()));
        headers.add(HEADER_ERROR, utf8(String.valueOf(error)));
    }

    /** The last value of a header as UTF-8 text, if present. */
    public static Optional<String> header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static byte[] head(byte[] b, int max) {
        return b == null || b.length <= max ? b : Arrays.copyOf(b, max);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
