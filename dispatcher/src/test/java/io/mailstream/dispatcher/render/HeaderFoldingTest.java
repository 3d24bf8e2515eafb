package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderFoldingTest {
    private static final String UNSUBSCRIBE = "<https://acme.example/u?m=0123456789abcdef0123456789abcdef>, "
            + "<mailto:unsubscribe+0123456789abcdef0123456789abcdef@bounces.acme.example>";

    @Test
    void foldShouldLeaveAShortValueAlone() {
        assertThat(HeaderFolding.fold(18, "<mailto:u@b.example>")).isEqualTo("<mailto:u@b.example>");
    }

    @Test
    void foldShouldBreakBeforeWhitespaceSoThatUnfoldingRestoresTheValue() {
        String folded = HeaderFolding.fold(18, UNSUBSCRIBE);

        assertThat(folded).contains("\r\n ");
        assertThat(folded.replace("\r\n", "")).isEqualTo(UNSUBSCRIBE);
        assertThat(folded.split("\r\n")).hasSize(2).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void foldShouldKeepEveryLineWithin76CharactersWhenTheWordsAllowIt() {
        String words = String.join(" ", java.util.Collections.nCopies(40, "word"));

        String folded = HeaderFolding.fold(10, words);

        assertThat(folded.replace("\r\n", "")).isEqualTo(words);
        assertThat(Arrays.stream(folded.split("\r\n")).skip(1)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void foldShouldNotBreakInsideAWordLongerThanALine() {
        String url = "<https://acme.example/" + "x".repeat(120) + ">";

        assertThat(HeaderFolding.fold(18, url)).isEqualTo(url);
        assertThat(HeaderFolding.fold(18, url + ", <mailto:a@b.example>")).isEqualTo(url + ",\r\n <mailto:a@b.example>");
    }
}
