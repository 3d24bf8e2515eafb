package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.dispatcher.follow.TableUpdates;
import io.mailstream.schemas.address.EmailAddress;
import java.util.Optional;

/**
 * The addresses that must not be mailed, as the dispatcher needs them: fed from the compacted
 * {@code mail.suppressions} (key: {@link EmailAddress#normalized()}; a tombstone lifts the
 * address) and asked once per message. Implementations: {@link SuppressionList} (on the heap) and
 * {@link RocksSuppressionStore} (on disk, bounded memory, its position stored with its data).
 * Both hold a {@link SuppressionEntry} per address, not the Avro record.
 */
public interface SuppressionStore extends TableUpdates<Suppression>, AutoCloseable {

    /**
     * What blocks mail of {@code kind} from the list {@code listId} (empty: the campaign names no
     * list, or the message is not campaign mail) to {@code address}, if anything does.
     * Hard bounces, complaints, soft-bounce windows and manual entries block every kind; an
     * unsubscribe blocks only campaign mail, and only of its own list unless unsubscribes are
     * configured {@link UnsubscribeScope#GLOBAL}; a campaign without a list is blocked by any unsubscribe.
     */
    Optional<Suppressed> find(EmailAddress address, MessageKind kind, Optional<String> listId);

    /** As {@link #find(EmailAddress, MessageKind, Optional)} for campaign mail of no list: every source counts. */
    default Optional<Suppressed> find(EmailAddress address) {
        return find(address, MessageKind.CAMPAIGN, Optional.empty());
    }

    /** As {@link #find(EmailAddress, MessageKind, Optional)} for mail of no list. */
    default Optional<Suppressed> find(EmailAddress address, MessageKind kind) {
        return find(address, kind, Optional.empty());
    }

    @Override
    void close();
}
