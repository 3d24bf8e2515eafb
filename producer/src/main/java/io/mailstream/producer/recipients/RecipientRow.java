package io.mailstream.producer.recipients;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a recipient list: the line it starts on (1-based, physical lines, so a CSV record
 * with a quoted newline keeps the number of its first line), its variables (column → value, in file
 * order, including {@code email}) and, when the record is malformed, why. A malformed row is still
 * yielded so that it can be written to the rejects file instead of vanishing.
 */
public record RecipientRow(long line, Map<String, String> variables, Optional<String> defect) {
    /** The variable that holds the recipient's address. */
    public static final String EMAIL = "email";

    public RecipientRow {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(defect, "defect");
        variables = java.util.Collections.unmodifiableMap(variables);
    }

    public static RecipientRow of(long line, Map<String, String> variables) {
        return new RecipientRow(line, variables, Optional.empty());
    }

    public static RecipientRow malformed(long line, Map<String, String> variables, String defect) {
        return new RecipientRow(line, variables, Optional.of(defect));
    }

    /** The raw value of the {@code email} variable, or {@code null} if the row has none. */
    public String email() {
        return variables.get(EMAIL);
    }
}
