package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.DeliveryStatus;
import java.util.Optional;
import java.util.OptionalInt;

import static io.mailstream.bounces.BounceReason.*;

/**
 * The reason when no phrase family decided (a delayed DSN never gets here: it is {@code expired}), in
 * this order: the status code's own reason, the status subject (x.6 content, x.7 security), the reply
 * code, an x.4.x status, a delivery period said to have elapsed, a refusal naming the client's IP
 * address; finally {@code onhold} when there was text to read or {@code undefined} when there was none.
 */
final class LastResortReasons {
    private LastResortReasons() {
    }

    /** Never {@code null}. */
    static BounceReason reasonOf(Optional<DeliveryStatus> status, BounceReason byStatus, OptionalInt replyCode,
                                 String text) {
        if (byStatus != null) {
            return byStatus;
        }
        if (status.isPresent() && !status.get().isUnspecific()) {
            int subject = status.get().subject();
            if (subject == 6) {
                return CONTENT_ERROR;
            }
            if (subject == 7) {
                return SECURITY_ERROR;
            }
        }
        if (replyCode.isPresent()) {
            Optional<BounceReason> byReply = ReplyCodeReasons.reasonOf(replyCode.getAsInt());
            if (byReply.isPresent()) {
                return byReply.get();
            }
        }
        // an X.4.X status that no phrase or reply code explained: RFC 3463 §3.5 "Network and Routing
        // Status". (X.3.X and X.5.X stay open: "other or undefined mail system / protocol status"
        // is said of recipient and sequence errors alike.)
        if (status.isPresent() && !status.get().isUnspecific() && status.get().subject() == 4) {
            return NETWORK_ERROR;
        }
        // nothing else decided, but the delivery is said to have failed within a stated period (DeliveryPeriodElapsed)
        if (DeliveryPeriodElapsed.says(text)) {
            return EXPIRED;
        }
        // nothing else decided, but the refusal names the client by its IP address (ClientAddressRefusal)
        if (ClientAddressRefusal.refusesClientAddress(text)) {
            return BLOCKED;
        }
        return text.isEmpty() ? UNDEFINED : ONHOLD;
    }
}
