package io.mailstream.producer.recipients;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.util.Map;

/**
 * Decides whether a row can be mailed. The address must parse ({@link EmailAddress#parse}:
 * RFC 5321 syntax, IDN domains converted to A-labels); no variable may hold CR, LF or NUL, because
 * variables are rendered into headers (Subject, List-Unsubscribe) where a line break would inject
 * headers of the recipient list author's choosing.
 */
public final class RecipientValidator {

    public RowOutcome check(RecipientRow row) {
        String raw = row.email();
        String shown = raw == null ? "" : raw;
        if (row.defect().isPresent()) {
            return new RowOutcome.Rejected(row.line(), shown, row.defect().get());
        }
        if (raw == null || raw.isBlank()) {
            return new RowOutcome.Rejected(row.line(), shown, "no email address in this row");
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(raw);
        } catch (InvalidAddressException e) {
            return new RowOutcome.Rejected(row.line(), shown, e.reason());
        }
        for (Map.Entry<String, String> v : row.variables().entrySet()) {
            if (hasLineBreak(v.getValue())) {
                return new RowOutcome.Rejected(row.line(), shown,
                        "variable '" + v.getKey() + "' contains a line break (CR/LF) or NUL, which could inject mail headers");
            }
        }
        return new RowOutcome.Valid(row.line(), address, row.variables());
    }

    static boolean hasLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return true;
            }
        }
        return false;
    }
}
