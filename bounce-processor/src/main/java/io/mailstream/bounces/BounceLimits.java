package io.mailstream.bounces;

/**
 * Bounds on what the parser reads from one message, so a 20 MB attachment or a report naming
 * thousands of recipients costs bounded time and memory inside a Streams task.
 *
 * @param maxMessageBytes   bytes of the raw message that are parsed; the rest is ignored. The
 *                          report parts come before the returned original (RFC 3462 §1), so
 *                          a cut through the returned message loses nothing we use.
 * @param maxPartChars      octets read of any single human-readable text part
 * @param maxReportChars    octets read of a {@code message/delivery-status} or
 *                          {@code message/feedback-report} part: one recipient group of a DSN
 *                          (RFC 3464 §2.3) takes 150-400 octets, so the default holds well over
 *                          {@code maxRecipients} of them
 * @param maxRecipients     recipients reported per message; the rest are dropped with a problem
 */
public record BounceLimits(int maxMessageBytes, int maxPartChars, int maxReportChars, int maxRecipients) {

    /** 2 MiB of message, 64 KiB per text part, 1 MiB per report part, 1 000 recipients. */
    public static final BounceLimits DEFAULTS = new BounceLimits(2 * 1024 * 1024, 64 * 1024, 1024 * 1024, 1000);

    public BounceLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
        }
        if (maxPartChars < 256) {
            throw new IllegalArgumentException("maxPartChars must be at least 256, was " + maxPartChars);
        }
        if (maxReportChars < 256) {
            throw new IllegalArgumentException("maxReportChars must be at least 256, was " + maxReportChars);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1, was " + maxRecipients);
        }
    }
}
