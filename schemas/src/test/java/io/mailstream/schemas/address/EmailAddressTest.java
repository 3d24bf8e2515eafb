package io.mailstream.schemas.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmailAddressTest {
    private static final String LOCAL_64 = "l".repeat(64);
    /** 63 + 1 + 63 + 1 + 57 + 4 = 189 characters: with a 64-character local part and '@', exactly 254. */
    private static final String DOMAIN_189 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".com";

    @Test
    void plusAddressingIsAccepted() {
        EmailAddress a = EmailAddress.parse("ann+newsletter@example.com");

        assertThat(a.localPart()).isEqualTo("ann+newsletter");
        assertThat(a.domain()).isEqualTo(Domain.of("example.com"));
        assertThat(a.asString()).isEqualTo("ann+newsletter@example.com");
    }

    @Test
    void quotedLocalPartIsAcceptedAsGiven() {
        assertThat(EmailAddress.parse("\"ann lee\"@example.com").localPart()).isEqualTo("\"ann lee\"");
        assertThat(EmailAddress.parse("\"a@b\"@example.com").domain().asString()).isEqualTo("example.com");
        assertThat(EmailAddress.parse("\"a\\\"b\"@example.com").localPart()).isEqualTo("\"a\\\"b\"");
    }

    @Test
    void internationalisedDomainIsNormalisedToItsALabel() {
        EmailAddress a = EmailAddress.parse("kurt@Bücher.example");

        assertThat(a.domain().asString()).isEqualTo("xn--bcher-kva.example");
        assertThat(a.asString()).isEqualTo("kurt@xn--bcher-kva.example");
        assertThat(a).isEqualTo(EmailAddress.parse("kurt@xn--bcher-kva.example"));
    }

    @Test
    void upperCaseDomainIsLowerCasedButLocalPartKeptForTheEnvelope() {
        EmailAddress a = EmailAddress.parse("Ann.Lee@GMAIL.COM");

        assertThat(a.asString()).isEqualTo("Ann.Lee@gmail.com");
        assertThat(a.normalized()).isEqualTo("ann.lee@gmail.com");
    }

    @Test
    void addressesDifferingOnlyInCaseAreEqual() {
        assertThat(EmailAddress.parse("ANN@Example.com")).isEqualTo(EmailAddress.parse("ann@example.COM"))
                .hasSameHashCodeAs(EmailAddress.parse("ann@example.COM"));
    }

    @Test
    void lengthLimitsAreInclusive() {
        assertThat(EmailAddress.parse(LOCAL_64 + "@example.com").localPart()).hasSize(64);
        assertThat(EmailAddress.parse(LOCAL_64 + "@" + DOMAIN_189).asString()).hasSize(254);
    }

    @Test
    void surroundingSpacesAreTrimmed() {
        assertThat(EmailAddress.parse("  ann@example.com ").asString()).isEqualTo("ann@example.com");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no @", "annexample.com", "no '@'"),
                Arguments.of("empty local part", "@example.com", "empty"),
                Arguments.of("double dot", "ann..lee@example.com", "double dot"),
                Arguments.of("leading dot", ".ann@example.com", "dot"),
                Arguments.of("trailing dot", "ann.@example.com", "dot"),
                Arguments.of("CRLF at the end", "ann@example.com\r\n", "control character"),
                Arguments.of("LF at the start", "\nann@example.com", "control character"),
                Arguments.of("CRLF in the local part", "ann\r\nRCPT TO:<x@y.com>@example.com", "control character"),
                Arguments.of("CR in the domain", "ann@exam\rple.com", "control character"),
                Arguments.of("NUL", "ann\0@example.com", "control character"),
                Arguments.of("tab at the end", "ann@example.com\t", "control character"),
                Arguments.of("space in the local part", "ann lee@example.com", "quoting"),
                Arguments.of("space after @", "ann@ example.com", "whitespace"),
                Arguments.of("space before @", "ann @example.com", "quoting"),
                Arguments.of("space in the domain", "ann@exam ple.com", "whitespace"),
                Arguments.of("local part of 65", "l".repeat(65) + "@example.com", "64"),
                Arguments.of("255 in all", "l".repeat(63) + "@x." + DOMAIN_189, "254"),
                Arguments.of("label of 64", "ann@" + "a".repeat(64) + ".com", "label"),
                Arguments.of("domain without a dot", "ann@localhost", "two labels"),
                Arguments.of("trailing hyphen", "ann@foo-.com", "'-'"),
                Arguments.of("leading hyphen", "ann@-foo.com", "'-'"),
                Arguments.of("empty label", "ann@example..com", "empty label"),
                Arguments.of("address literal", "ann@[192.0.2.1]", "domain"),
                Arguments.of("numeric top-level label", "ann@192.0.2.1", "numeric"),
                Arguments.of("underscore in domain", "ann@ex_ample.com", "not allowed"),
                Arguments.of("unescaped quote", "\"a\"b\"@example.com", "quot"),
                Arguments.of("non-ASCII local part", "jürgen@example.com", "quoting"),
                Arguments.of("empty", "   ", "empty"),
                Arguments.of("display name", "Ann <ann@example.com>", "quoting"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidAddressIsRefusedWithAReason(String why, String raw, String reasonFragment) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> {
                    assertThat(e.input()).isEqualTo(raw);
                    assertThat(e.reason()).containsIgnoringCase(reasonFragment);
                    assertThat(e.getMessage()).doesNotContain("\r", "\n");
                });
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> EmailAddress.parse(null)).isInstanceOf(InvalidAddressException.class);
    }
}
