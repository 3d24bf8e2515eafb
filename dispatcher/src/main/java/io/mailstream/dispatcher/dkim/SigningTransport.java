package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs each message (RFC 6376) just before handing it to the wrapped transport. A message that
 * cannot be signed is deferred, not sent unsigned: unsigned bulk mail from a domain that publishes
 * DMARC is likely to be rejected or filed as spam, and the cause (a key problem) is ours to fix.
 */
public final class SigningTransport implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(SigningTransport.class);

    private final DkimSigner signer;
    private final MailTransport delegate;

    public SigningTransport(DkimSigner signer, MailTransport delegate) {
        this.signer = signer;
        this.delegate = delegate;
    }

    @Override
    public DeliveryOutcome send(RenderedMessage message) {
        RenderedMessage signed;
        try {
            signed = signer.sign(message);
        } catch (DkimSigningException e) {
            log.warn("{}", e.getMessage());
            return DeliveryOutcome.Deferred.noReply(e.getMessage(), null);
        }
        return delegate.send(signed);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
