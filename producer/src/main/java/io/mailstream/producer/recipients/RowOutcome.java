package io.mailstream.producer.recipients;

import io.mailstream.schemas.address.EmailAddress;
import java.util.Map;

/** What {@link RecipientValidator} makes of one row: a recipient to mail, or a rejection with its reason. */
public sealed interface RowOutcome {

    long line();

    /** A row that may be mailed: a parsed address (domain normalised to its A-label) and safe variables. */
    record Valid(long line, EmailAddress address, Map<String, String> variables) implements RowOutcome {
    }

    /** A row that must not be mailed; {@code address} is the raw value as given (possibly empty). */
    record Rejected(long line, String address, String reason) implements RowOutcome {
    }
}
