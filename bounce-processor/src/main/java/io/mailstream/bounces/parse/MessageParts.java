package io.mailstream.bounces.parse;

import java.util.List;

/**
 * The parts of a received bounce that the readers use, already decoded to text and capped.
 *
 * @param headers          the bounce's own top-level header fields
 * @param deliveryStatus   bodies of {@code message/delivery-status} parts (RFC 3464 §2.1)
 * @param feedbackReports  bodies of {@code message/feedback-report} parts (RFC 5965 §3)
 * @param originalHeaders  header fields of the returned message ({@code message/rfc822} or
 *                         {@code text/rfc822-headers}, RFC 3462 §3), empty if none came back
 * @param texts            human-readable text parts, outside the returned message, in order
 * @param problems         what was skipped or repaired while reading
 */
public record MessageParts(
        HeaderFields headers,
        List<String> deliveryStatus,
        List<String> feedbackReports,
        HeaderFields originalHeaders,
        List<String> texts,
        List<String> problems) {

    /** The same message with only its first text part: an auto-reply's own words, without a disclaimer after them. */
    MessageParts withFirstTextOnly() {
        return texts.size() <= 1 ? this
                : new MessageParts(headers, deliveryStatus, feedbackReports, originalHeaders, List.of(texts.get(0)), problems);
    }
}
