package io.mailstream.producer.launch;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Serializes and sends a launch's events on a second thread, so reading, validating and hashing
 * rows (the launch thread) overlaps with Avro encoding and {@code send()} (this one). Events go in
 * batches through a small bounded queue: memory stays a few thousand events whatever the list
 * size, and a slow broker blocks the reader (back-pressure). One sending thread keeps the order
 * of events per routing key as read.
 */
final class PipelinedSender implements AutoCloseable {
    private static final int BATCH = 512;
    private static final int QUEUED_BATCHES = 8;
    private static final List<MailMessage> END = List.of();

    private final Producer<String, byte[]> producer;
    private final AvroSerializer<MailMessage> serializer;
    private final Callback callback;
    private final BlockingQueue<List<MailMessage>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private List<MailMessage> batch = new ArrayList<>(BATCH);

    PipelinedSender(Producer<String, byte[]> producer, AvroSerializer<MailMessage> serializer, Callback callback,
                    String campaignId) {
        this.producer = producer;
        this.serializer = serializer;
        this.callback = callback;
        this.thread = new Thread(this::run, "mailstream-launch-sender-" + campaignId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one event; blocks while the sending thread is behind. */
    void submit(MailMessage message) throws Exception {
        batch.add(message);
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Sends what is queued and waits until every event was handed to the producer. */
    void finish() throws Exception {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>(0);
        }
        hand(END);
        thread.join();
        throwIfFailed();
    }

    private void hand(List<MailMessage> b) throws Exception {
        // Offer with a timeout, not put: if the sending thread died, the reader must not wait forever.
        while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            throwIfFailed();
            if (!thread.isAlive()) {
                throw new IllegalStateException("the sending thread stopped");
            }
        }
    }

    void throwIfFailed() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private void run() {
        try {
            while (true) {
                List<MailMessage> b = queue.take();
                if (b == END) {
                    return;
                }
                for (MailMessage m : b) {
                    byte[] value = serializer.serialize(Topics.OUTBOUND, m);
                    producer.send(new ProducerRecord<>(Topics.OUTBOUND, m.getRoutingKey(), value), callback);
                }
            }
        } catch (Exception e) {
            // InterruptedException included: close() interrupts when the launch ends early.
            failure.compareAndSet(null, e);
        }
    }

    /** Stops the sending thread if the launch ends early; a no-op after {@link #finish()}. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
