package io.mailstream.bounces.topology;

import io.mailstream.avro.ReceivedBounce;
import io.mailstream.avro.Suppression;

/**
 * What the suppression step writes: a record of an address for {@code mail.suppressions}, and, for a DSN tied
 * to its message, that DSN for {@code mail.received-bounces}. The DSN's record is written here, after the
 * decision, so that it can say whether it suppressed: the webhooks post one {@code bounce} per DSN from that.
 */
sealed interface SuppressionOutput {
    /** The address's record, or its tombstone ({@code suppression} null), keyed by the address. */
    record AddressRecord(Suppression suppression) implements SuppressionOutput {
    }

    /** A received DSN tied to its message, keyed by the message id. */
    record ReceivedDsn(ReceivedBounce bounce) implements SuppressionOutput {
    }

    static Suppression suppressionOf(SuppressionOutput o) {
        return ((AddressRecord) o).suppression();
    }

    static ReceivedBounce bounceOf(SuppressionOutput o) {
        return ((ReceivedDsn) o).bounce();
    }
}
