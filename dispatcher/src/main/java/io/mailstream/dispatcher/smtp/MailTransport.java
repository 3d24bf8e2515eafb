package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.RenderedMessage;

/**
 * Hands rendered messages to a mail server and says what became of each, as a value. One
 * implementation per connection; not thread-safe (a pool will hold several).
 */
public interface MailTransport extends AutoCloseable {

    DeliveryOutcome send(RenderedMessage message);

    @Override
    void close();
}
