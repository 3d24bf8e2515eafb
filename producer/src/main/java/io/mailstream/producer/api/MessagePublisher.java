package io.mailstream.producer.api;

import io.mailstream.avro.MailMessage;
import java.util.concurrent.CompletableFuture;

/** Publishes a transactional message; the future completes when Kafka has acknowledged the write. */
public interface MessagePublisher extends AutoCloseable {

    CompletableFuture<Void> publish(MailMessage message);

    @Override
    void close();
}
