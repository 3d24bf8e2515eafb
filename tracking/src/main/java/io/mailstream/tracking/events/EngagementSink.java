package io.mailstream.tracking.events;

import io.mailstream.avro.EngagementEvent;

/** Where engagement events go ({@code mail.engagement}); never blocks the redirect it belongs to. */
public interface EngagementSink extends AutoCloseable {
    void publish(EngagementEvent event);

    @Override
    void close();
}
