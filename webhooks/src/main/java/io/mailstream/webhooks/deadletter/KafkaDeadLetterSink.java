package io.mailstream.webhooks.deadletter;

import io.mailstream.schemas.topics.Topics;
import io.mailstream.webhooks.WebhooksException;
import io.mailstream.webhooks.event.EventJson;
import io.mailstream.webhooks.event.WebhookEvent;
import io.mailstream.webhooks.send.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes given-up events to {@value Topics#WEBHOOKS_DEAD_LETTER}: key = event id, value = the event's JSON
 * as it would have been posted, headers {@code webhook.endpoint}, {@code webhook.reason},
 * {@code webhook.status}, {@code webhook.attempts} and the source {@code topic}/{@code partition}/{@code offset}.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {
    private final Producer<byte[], byte[]> producer;

    public KafkaDeadLetterSink(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void write(String endpoint, List<WebhookEvent> events, SendOutcome.GaveUp why) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (WebhookEvent e : events) {
            RecordHeaders h = new RecordHeaders();
            h.add("webhook.endpoint", utf8(endpoint));
            h.add("webhook.reason", utf8(why.reason()));
            h.add("webhook.status", utf8(Integer.toString(why.status())));
            h.add("webhook.attempts", utf8(Integer.toString(why.attempts())));
            h.add("source.topic", utf8(e.topic()));
            h.add("source.partition", utf8(Integer.toString(e.partition())));
            h.add("source.offset", utf8(Long.toString(e.offset())));
            acks.add(producer.send(new ProducerRecord<>(Topics.WEBHOOKS_DEAD_LETTER, null, utf8(e.id()), EventJson.event(e), h)));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException ex) {
                throw new WebhooksException("could not write " + events.size() + " dead letters of endpoint " + endpoint + " to "
                        + Topics.WEBHOOKS_DEAD_LETTER + ": " + ex.getCause(), ex.getCause());
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
