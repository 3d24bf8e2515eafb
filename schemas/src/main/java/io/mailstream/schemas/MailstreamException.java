package io.mailstream.schemas;

/**
 * Root of every exception mailstream throws on purpose. Subclasses carry the values that identify
 * the failure (address, topic/partition/offset, schema id) so that callers can act on them.
 */
public class MailstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailstreamException(String message) {
        super(message);
    }

    public MailstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
