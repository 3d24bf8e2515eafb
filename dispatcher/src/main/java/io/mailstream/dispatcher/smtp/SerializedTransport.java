package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.RenderedMessage;

/**
 * Lets the delivery workers share a transport that is not thread-safe by sending one message at a
 * time. Used for the routed (MX / TLS / DKIM) path until it is pooled like the smart-host path.
 */
public final class SerializedTransport implements MailTransport {
    private final MailTransport delegate;

    public SerializedTransport(MailTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized DeliveryOutcome send(RenderedMessage message) {
        return delegate.send(message);
    }

    @Override
    public synchronized void close() {
        delegate.close();
    }
}
