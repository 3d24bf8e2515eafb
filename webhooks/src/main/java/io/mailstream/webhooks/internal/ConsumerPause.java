package io.mailstream.webhooks.internal;

import io.mailstream.webhooks.send.Pause;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits between attempts while keeping the consumer in its group: polls with every partition paused,
 * so {@code max.poll.interval.ms} never expires however long an endpoint is down (24 h by default).
 */
final class ConsumerPause implements Pause {
    private static final Duration STEP = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final BooleanSupplier stopped;
    private boolean pausing;

    ConsumerPause(Consumer<byte[], byte[]> consumer, Clock clock, BooleanSupplier stopped) {
        this.consumer = consumer;
        this.clock = clock;
        this.stopped = stopped;
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        long end = clock.millis() + duration.toMillis();
        pausing = true;
        consumer.pause(consumer.assignment());
        try {
            while (!stopped.getAsBoolean()) {
                long left = end - clock.millis();
                if (left <= 0) {
                    return;
                }
                ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofMillis(Math.min(left, STEP.toMillis())));
                rewind(unexpected);
            }
            throw new InterruptedException("stopping");
        } finally {
            pausing = false;
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Runs {@code work} on a virtual thread while this thread keeps polling (partitions paused): a
     * receiver slower than {@code max.poll.interval.ms} does not cost the endpoint its partitions.
     */
    @Override
    public <T> T whilePolling(Callable<T> work) throws InterruptedException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = Thread.ofVirtual().name("webhooks-request").start(task);
        pausing = true;
        consumer.pause(consumer.assignment());
        try {
            while (true) {
                try {
                    return task.get(STEP.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    rewind(consumer.poll(Duration.ZERO));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof InterruptedException i) {
                        throw i;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (!task.isDone()) {
                worker.interrupt(); // stopping (wakeup or interrupt): the request ends, its batch is posted again later
            }
            pausing = false;
            consumer.resume(consumer.paused());
        }
    }

    /** Partitions assigned while waiting are paused too: their records wait for the batch being retried. */
    void onAssigned(Collection<TopicPartition> partitions) {
        if (pausing) {
            consumer.pause(partitions);
        }
    }

    /** Should a paused poll return records anyway, read them again after the wait: none may be skipped. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach(consumer::seek);
        consumer.pause(first.keySet());
    }
}
