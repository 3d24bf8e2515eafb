package io.mailstream.producer.launch;

import io.mailstream.producer.launch.internal.CompactLongSet;
import java.util.HexFormat;

/**
 * Remembers which recipients of one launch were already seen, in ~9–12 bytes each (10 M
 * recipients ≈ 120 MB at worst, 256 MB heap is enough), by keeping only a 64-bit hash per recipient.
 *
 * <p>The hash is the first 64 bits of the recipient's message id, which is SHA-256 of campaign id
 * and normalised address ({@link io.mailstream.schemas.ids.MessageIds#forCampaign}): computed for
 * every row anyway, and uniformly distributed. Two different addresses share a hash with
 * probability ≈ n²/2⁶⁵ for n recipients: ≈ 3·10⁻⁶ for 10 M, ≈ 7·10⁻⁵ for 50 M. A collision makes
 * one valid recipient count as a duplicate (not mailed in this launch); it never mails anyone twice.
 */
public final class DuplicateFilter {
    private final CompactLongSet seen = new CompactLongSet();

    /** True the first time a message id is offered, false for every repeat. */
    public boolean firstTime(String messageId) {
        if (messageId.length() < 16) {
            throw new IllegalArgumentException("message id must have at least 16 hex digits: " + messageId);
        }
        return seen.add(HexFormat.fromHexDigitsToLong(messageId, 0, 16));
    }

    public long size() {
        return seen.size();
    }
}
