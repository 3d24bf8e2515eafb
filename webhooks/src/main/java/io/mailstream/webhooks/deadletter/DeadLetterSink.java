package io.mailstream.webhooks.deadletter;

import io.mailstream.webhooks.event.WebhookEvent;
import io.mailstream.webhooks.send.SendOutcome;
import java.util.List;

/** Where events an endpoint never accepted are kept; {@link #write} returns only once they are durable. */
public interface DeadLetterSink {
    /** @throws io.mailstream.webhooks.WebhooksException when they could not be stored (the caller retries; offsets stay uncommitted) */
    void write(String endpoint, List<WebhookEvent> events, SendOutcome.GaveUp why) throws InterruptedException;
}
