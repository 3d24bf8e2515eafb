package io.mailstream.dispatcher;

import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients a {@link Dispatcher} owns and closes: the group consumer of the mail topics,
 * one group-less consumer per followed table, and the producer of events, retries and dead
 * letters. Tests pass Kafka's MockConsumer and MockProducer here.
 */
public record DispatcherClients(Consumer<byte[], byte[]> mail, Consumer<byte[], byte[]> campaigns,
                                Consumer<byte[], byte[]> suppressions, Producer<byte[], byte[]> producer) {

    public static DispatcherClients kafka(DispatcherConfig config) {
        return new DispatcherClients(
                new KafkaConsumer<>(KafkaClientProperties.mailConsumer(config)),
                new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "campaigns")),
                new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "suppressions")),
                new KafkaProducer<>(KafkaClientProperties.producer(config)));
    }
}
