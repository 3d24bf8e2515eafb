package io.mailstream.dispatcher.render;

import io.mailstream.dispatcher.DispatcherException;

/**
 * Why a message cannot be rendered (bad address, header injection, template error). Thrown only
 * inside this package: {@link MessageRenderer} turns it into a {@link RenderResult.Failed}.
 */
public final class RenderException extends DispatcherException {
    private static final long serialVersionUID = 1L;
    private final String messageId;

    public RenderException(String messageId, String reason) {
        super(reason);
        this.messageId = messageId;
    }

    public RenderException(String messageId, String reason, Throwable cause) {
        super(reason, cause);
        this.messageId = messageId;
    }

    public String messageId() {
        return messageId;
    }
}
