package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.DispatcherException;
import io.mailstream.schemas.address.Domain;

/** A message could not be DKIM-signed; names the message and the signing domain. */
public final class DkimSigningException extends DispatcherException {
    private static final long serialVersionUID = 1L;
    private final String messageId;
    private final transient Domain domain;

    DkimSigningException(String messageId, Domain domain, Throwable cause) {
        super("cannot DKIM-sign message " + messageId + " for " + domain + ": " + cause, cause);
        this.messageId = messageId;
        this.domain = domain;
    }

    public String messageId() {
        return messageId;
    }

    public Domain domain() {
        return domain;
    }
}
