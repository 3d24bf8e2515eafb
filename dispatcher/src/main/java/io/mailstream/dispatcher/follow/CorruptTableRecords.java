package io.mailstream.dispatcher.follow;

import io.mailstream.schemas.serde.CorruptRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a follower puts a table record it cannot decode: the dispatcher copies it to
 * {@code mail.dead-letter} with its bytes. Called on the follower's thread; must not block.
 */
@FunctionalInterface
public interface CorruptTableRecords {
    void deadLetter(ConsumerRecord<byte[], byte[]> record, CorruptRecordException error);
}
