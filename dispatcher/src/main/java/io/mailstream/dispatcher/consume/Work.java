package io.mailstream.dispatcher.consume;

import io.mailstream.avro.MailMessage;
import org.apache.kafka.common.TopicPartition;

/** One consumed message on its way through the per-domain queues; {@code urgent} for transactional mail. */
record Work(PartitionState state, long offset, MailMessage message, boolean urgent) {
    TopicPartition partition() {
        return state.partition();
    }

    String routingKey() {
        return message.getRoutingKey();
    }

    /** A message parked because its campaign is paused or the tables are not current; released when that passes. */
    record Held(Work work, HoldReason reason) {
    }
}
