package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.Optional;

/**
 * The few SMTP reply codes (RFC 5321 §4.2.2/§4.2.3) that name a reason on their own; used only
 * when neither the enhanced status nor the text decided it.
 */
final class ReplyCodeReasons {
    private ReplyCodeReasons() {
    }

    static Optional<BounceReason> reasonOf(int replyCode) {
        return switch (replyCode) {
            case 421 -> Optional.of(BounceReason.SYSTEM_ERROR);       // service not available, closing channel
            case 452, 552 -> Optional.of(BounceReason.MAILBOX_FULL);  // insufficient / exceeded storage
            case 500, 501, 502, 503, 504 -> Optional.of(BounceReason.SYNTAX_ERROR);
            case 521, 556 -> Optional.of(BounceReason.NOT_ACCEPT);    // RFC 7504: host does not accept mail
            case 553 -> Optional.of(BounceReason.REJECTED);          // mailbox name not allowed
            case 551 -> Optional.of(BounceReason.HAS_MOVED);         // user not local; please try <forward-path>
            case 525 -> Optional.of(BounceReason.SUSPEND);           // RFC 5248 X.7.13: user account disabled
            default -> Optional.empty();
        };
    }
}
