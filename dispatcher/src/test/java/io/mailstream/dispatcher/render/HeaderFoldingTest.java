package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class HeaderFoldingTest {
    private static final String UNSUBSCRIBE = "<https://acme.example/u?m=0123456789abcdef0123456789abcdef>, "
            + "<mailto:unsubscribe+0123456789abcdef0123456789abcdef@bounces.acme.example>";

    private static String fold(String name, String value) {
        return HeaderFolding.fold("m1", name, value);
    }

    /** Every line of the field as it goes on the wire, the name on the first. */
    private static String[] lines(String name, String folded) {
        return (name + ": " + folded).split("\r\n", -1);
    }

    @Test
    void foldShouldLeaveAShortValueAlone() {
        assertThat(fold("List-Unsubscribe", "<mailto:u@b.example>")).isEqualTo("<mailto:u@b.example>");
    }

    @Test
    void foldShouldBreakBeforeWhitespaceSoThatUnfoldingRestoresTheValue() {
        String folded = fold("List-Unsubscribe", UNSUBSCRIBE);

        assertThat(folded).contains("\r\n ");
        assertThat(folded.replace("\r\n", "")).isEqualTo(UNSUBSCRIBE);
        assertThat(folded.split("\r\n")).hasSize(2).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void foldShouldKeepEveryLineWithin76CharactersWhenTheWordsAllowIt() {
        String words = String.join(" ", Collections.nCopies(40, "word"));

        String folded = fold("X-Header", words);

        assertThat(folded.replace("\r\n", "")).isEqualTo(words);
        assertThat(lines("X-Header", folded)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void foldShouldNotBreakInsideAWordLongerThanALine() {
        String url = "<https://acme.example/" + "x".repeat(120) + ">";

        assertThat(fold("List-Unsubscribe", url)).isEqualTo(url);
        assertThat(fold("List-Unsubscribe", url + ", <mailto:a@b.example>")).isEqualTo(url + ",\r\n <mailto:a@b.example>");
    }

    @Test
    void foldShouldNeverEmitAWhitespaceOnlyLine() {
        // Runs of spaces longer than a line, and trailing whitespace, are where a naive folder emits blank lines.
        String value = "a" + " ".repeat(200) + "b" + "\t".repeat(90) + "c " + "d".repeat(70) + " ".repeat(150);

        String folded = fold("Subject", value);

        assertThat(folded.replace("\r\n", "")).isEqualTo(value);
        assertThat(lines("Subject", folded)).hasSizeGreaterThan(1)
                .allSatisfy(l -> assertThat(l.strip()).as("line '%s'", l).isNotEmpty());
    }

    @Test
    void foldShouldKeepLongUnbreakableWordsOnLinesOfAtMost998Octets() {
        String value = "x".repeat(980) + " " + "y".repeat(997) + " " + "z".repeat(500);

        String folded = fold("X-Tracking", value);

        assertThat(folded.replace("\r\n", "")).isEqualTo(value);
        assertThat(lines("X-Tracking", folded)).hasSize(3)
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(HeaderFolding.MAX_LINE));
    }

    @Test
    void foldShouldRefuseAWordThatCannotFitIn998Octets() {
        String value = "short <https://acme.example/" + "x".repeat(1_000) + ">";

        assertThatThrownBy(() -> fold("List-Unsubscribe", value))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("List-Unsubscribe").hasMessageContaining("998")
                .satisfies(e -> assertThat(((RenderException) e).messageId()).isEqualTo("m1"));
    }

    @Test
    void foldShouldRefuseAnUnbreakableValueThatDoesNotFitBesideTheFieldName() {
        // 990 characters fit alone, but not after "X-Very-Long-Header-Name: " on the first line.
        assertThatThrownBy(() -> fold("X-Very-Long-Header-Name", "v".repeat(990)))
                .isInstanceOf(RenderException.class);
        assertThat(Arrays.stream(lines("X-A", fold("X-A", "v".repeat(990))))).singleElement()
                .satisfies(l -> assertThat(l.length()).isLessThanOrEqualTo(998));
    }
}
