package io.mailstream.cli.lag;

import io.mailstream.schemas.MailstreamException;

/** Root of the lag monitor's failures. */
public class LagException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    public LagException(String message, Throwable cause) {
        super(message, cause);
    }
}
