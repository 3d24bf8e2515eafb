package io.mailstream.dispatcher;

import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients a {@link Dispatcher} owns and closes: the group consumer of the mail topics,
 * one group-less consumer per followed table, the producer of events, retries and dead letters,
 * and optionally a group-less consumer that reads back recent delivery events when partitions are
 * assigned (the sent-ledger's second half; without it only the commit metadata is used), and
 * optionally a group-less consumer that feeds every delivery event into the sent-ledger keyed by
 * message id ({@code ledger.LedgerFeed}; without it the ledger knows only this dispatcher's own
 * outcomes). Tests pass Kafka's MockConsumer and MockProducer here.
 */
public record DispatcherClients(Consumer<byte[], byte[]> mail, Consumer<byte[], byte[]> campaigns,
                                Consumer<byte[], byte[]> suppressions, Producer<byte[], byte[]> producer,
                                Optional<Consumer<byte[], byte[]>> deliveryEvents,
                                Optional<Consumer<byte[], byte[]>> ledgerFeed) {

    /** Clients without the reader of delivery events nor the ledger feed. */
    public DispatcherClients(Consumer<byte[], byte[]> mail, Consumer<byte[], byte[]> campaigns,
                             Consumer<byte[], byte[]> suppressions, Producer<byte[], byte[]> producer) {
        this(mail, campaigns, suppressions, producer, Optional.empty(), Optional.empty());
    }

    /** Clients without the ledger feed. */
    public DispatcherClients(Consumer<byte[], byte[]> mail, Consumer<byte[], byte[]> campaigns,
                             Consumer<byte[], byte[]> suppressions, Producer<byte[], byte[]> producer,
                             Optional<Consumer<byte[], byte[]>> deliveryEvents) {
        this(mail, campaigns, suppressions, producer, deliveryEvents, Optional.empty());
    }

    public static DispatcherClients kafka(DispatcherConfig config) {
        return new DispatcherClients(
                new KafkaConsumer<>(KafkaClientProperties.mailConsumer(config)),
                new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "campaigns")),
                new KafkaConsumer<>(KafkaClientProperties.suppressionsConsumer(config)),
                new KafkaProducer<>(KafkaClientProperties.producer(config)),
                Optional.of(new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "ledger"))),
                Optional.of(new KafkaConsumer<>(KafkaClientProperties.ledgerFeedConsumer(config))));
    }
}
