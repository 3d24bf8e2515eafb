package io.mailstream.bounces;

/**
 * Bounds on what the parser reads from one message, so a 20 MB attachment or a report naming
 * thousands of recipients costs bounded time and memory inside a Streams task.
 *
 * @param maxMessageBytes   bytes of the raw message that are parsed; the rest is ignored. The
 *                          report parts come before the returned original (RFC 3462 §1), so
 *                          a cut through the returned message loses nothing we use.
 * @param maxPartChars      characters read of any single text part or diagnostic
 * @param maxRecipients     recipients reported per message; the rest are dropped with a problem
 */
public record BounceLimits(int maxMessageBytes, int maxPartChars, int maxRecipients) {

    /** 2 MiB of message, 64 Ki characters per part, 1 000 recipients. */
    public static final BounceLimits DEFAULTS = new BounceLimits(2 * 1024 * 1024, 64 * 1024, 1000);

    public BounceLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
        }
        if (maxPartChars < 256) {
            throw new IllegalArgumentException("maxPartChars must be at least 256, was " + maxPartChars);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1, was " + maxRecipients);
        }
    }
}
