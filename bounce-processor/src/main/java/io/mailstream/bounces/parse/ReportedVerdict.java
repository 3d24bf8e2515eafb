package io.mailstream.bounces.parse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A verdict that the reporting MTA states in a field of its own, beside (not inside) the diagnostic:
 * the category its bounce patterns gave the remote reply, or the mark its filter put on the message.
 * Carried to classification as a fallback keyed to the product that writes it
 * ({@code classify.ReportedVerdicts}), like the bounceType of an Amazon SES notification.
 *
 * @param field the field name, lower case (e.g. {@code x-powermta-bouncecategory})
 * @param value its value, stripped and lower case (e.g. {@code bad-mailbox})
 */
public record ReportedVerdict(String field, String value) {
    /**
     * PowerMTA writes the category its {@code bounce-category-patterns} matched into each recipient's
     * delivery-status fields (PowerMTA User's Guide, "bounce-category-patterns"; Sisimai's Lhost::PowerMTA
     * reads the same field).
     */
    public static final String POWERMTA_CATEGORY = "x-powermta-bouncecategory";
    /** au (KDDI) EZweb marks the reports of mail its filter refused with {@code X-SPASIGN: NG} (Sisimai's Lhost::EZweb). */
    public static final String EZWEB_SPASIGN = "x-spasign";

    private static final List<String> FIELDS = List.of(POWERMTA_CATEGORY, EZWEB_SPASIGN);

    public ReportedVerdict {
        field = field.toLowerCase(Locale.ROOT);
        value = value.strip().toLowerCase(Locale.ROOT);
    }

    /** The first verdict field in {@code fields} with a value, if any. */
    public static Optional<ReportedVerdict> in(HeaderFields fields) {
        for (String field : FIELDS) {
            Optional<String> v = fields.first(field).filter(s -> !s.isBlank());
            if (v.isPresent()) {
                return Optional.of(new ReportedVerdict(field, v.get()));
            }
        }
        return Optional.empty();
    }
}
