package io.mailstream.schemas.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainTest {

    @Test
    void caseDoesNotSplitADomain() {
        assertThat(Domain.of("GMAIL.COM")).isEqualTo(Domain.of("gmail.com")).hasSameHashCodeAs(Domain.of("gmail.com"));
        assertThat(Domain.of("GMAIL.COM").asString()).isEqualTo("gmail.com");
    }

    @Test
    void lowerCasingDoesNotDependOnTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(Domain.of("MAIL.INFO").asString()).isEqualTo("mail.info");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void trailingRootDotIsDropped() {
        assertThat(Domain.of("example.com.")).isEqualTo(Domain.of("example.com"));
    }

    @Test
    void unicodeAndALabelFormsAreOneDomain() {
        Domain unicode = Domain.of("Bücher.example");

        assertThat(unicode.asString()).isEqualTo("xn--bcher-kva.example");
        assertThat(unicode).isEqualTo(Domain.of("xn--bcher-kva.example"));
        assertThat(unicode.toUnicode()).isEqualTo("bücher.example");
    }

    @Test
    void limitsOf63PerLabelAnd253InAllAreInclusive() {
        String label63 = "a".repeat(63);
        String domain253 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(61);

        assertThat(Domain.of(label63 + ".com").asString()).hasSize(67);
        assertThat(Domain.of(domain253).asString()).hasSize(253);
        assertThatThrownBy(() -> Domain.of(domain253 + "b")).isInstanceOf(InvalidAddressException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ".", "com", "a..b", "-a.com", "a-.com", "a_b.com", "a.b.c.1", "exa mple.com"})
    void invalidDomainIsRefused(String raw) {
        assertThatThrownBy(() -> Domain.of(raw)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void domainsOrderByTheirNormalisedForm() {
        assertThat(Domain.of("B.example")).isGreaterThan(Domain.of("a.example"));
    }
}
