package io.mailstream.bounces.topology;

import io.mailstream.bounces.suppress.SuppressionParts;
import java.util.List;

/**
 * What the suppression processor learns about one address, keyed by it through the
 * {@code changes-by-address} repartition topic: a failure of ours, the parts another writer (an
 * operator, the API, an unsubscribe) put on {@code mail.suppressions}, or that writer's tombstone.
 * Exactly one of the three is set.
 *
 * @param failure a bounce, complaint or failed delivery
 * @param written the parts of a record someone else wrote to {@code mail.suppressions}
 * @param lifted  someone else wrote a tombstone: an operator lifted the suppression
 */
public record AddressChange(RecipientFailure failure, List<SuppressionParts.Part> written, boolean lifted) {

    static AddressChange of(RecipientFailure failure) {
        return new AddressChange(failure, null, false);
    }

    static AddressChange written(SuppressionParts parts) {
        return new AddressChange(null, parts.parts(), false);
    }

    static AddressChange liftedByOperator() {
        return new AddressChange(null, null, true);
    }
}
