package io.mailstream.producer.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientValidatorTest {
    private final RecipientValidator validator = new RecipientValidator();

    private static RecipientRow row(String email, String... kv) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (email != null) {
            vars.put("email", email);
        }
        for (int i = 0; i < kv.length; i += 2) {
            vars.put(kv[i], kv[i + 1]);
        }
        return RecipientRow.of(7, vars);
    }

    @Test
    void acceptsAValidAddressAndKeepsTheRowAsVariables() {
        RowOutcome outcome = validator.check(row("Ada@Example.COM", "first_name", "Ada"));

        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Valid.class, v -> {
            assertThat(v.address().asString()).isEqualTo("Ada@example.com");
            assertThat(v.variables()).containsEntry("first_name", "Ada");
            assertThat(v.line()).isEqualTo(7);
        });
    }

    @Test
    void convertsAnInternationalisedDomainToItsALabel() {
        RowOutcome outcome = validator.check(row("kunde@bücher.example"));

        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Valid.class,
                v -> assertThat(v.address().asString()).isEqualTo("kunde@xn--bcher-kva.example"));
    }

    @Test
    void rejectsMalformedAndMissingAddressesWithTheReason() {
        assertThat(validator.check(row("no-at-sign.example.com")))
                .isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
                    assertThat(r.address()).isEqualTo("no-at-sign.example.com");
                    assertThat(r.reason()).contains("@");
                });
        assertThat(validator.check(row("a..b@example.com"))).isInstanceOf(RowOutcome.Rejected.class);
        assertThat(validator.check(row("a@localhost"))).isInstanceOf(RowOutcome.Rejected.class);
        assertThat(validator.check(row(null, "first_name", "X")))
                .isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason()).contains("no email"));
    }

    @Test
    void rejectsLineBreaksInTheAddressOrAnyVariable() {
        assertThat(validator.check(row("a@example.com\r\nBcc: x@example.com"))).isInstanceOf(RowOutcome.Rejected.class);
        assertThat(validator.check(row("a@example.com", "first_name", "Ada\r\nBcc: victim@example.com")))
                .isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason()).contains("first_name"));
        assertThat(validator.check(row("a@example.com", "city", "x\ny"))).isInstanceOf(RowOutcome.Rejected.class);
    }

    @Test
    void rejectsRowsTheReaderFoundMalformed() {
        RecipientRow malformed = RecipientRow.malformed(3, Map.of("email", "a@example.com"), "row has 1 fields but the header has 2");

        assertThat(validator.check(malformed))
                .isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason()).contains("header has 2"));
    }
}
