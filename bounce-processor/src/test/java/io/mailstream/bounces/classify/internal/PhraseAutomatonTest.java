package io.mailstream.bounces.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhraseAutomatonTest {
    @Test
    void phrasesAboveAsciiShouldMatchOnlyTheirOwnCharacters() {
        PhraseAutomaton a = PhraseAutomaton.build(Map.of(1, List.of("пользователь не найден"), 2, List.of("用户不存在"),
                3, List.of("empfänger unbekannt")));
        assertThat(a.match("550 пользователь не найден")).isEqualTo(1L << 1);
        // same length and shape in the same script: a different text must not match
        assertThat(a.match("550 получатель ящика закрыт")).isZero();
        assertThat(a.match("邮件已经发出")).isZero();
        assertThat(a.match("错误: 用户不存在!")).isEqualTo(1L << 2);
        assertThat(a.match("empfänger unbekannt")).isEqualTo(1L << 3);
        assertThat(a.match("empfanger unbekannt")).isZero();
    }

    @Test
    void asciiPhrasesShouldNotMatchInsideTheEncodingOfAWideCharacter() {
        // U+0BAD's digits are "0bad": an ASCII phrase made of hex letters must not see them
        PhraseAutomaton a = PhraseAutomaton.build(Map.of(1, List.of("bad"), 2, List.of("\u0bad sender")));
        assertThat(a.match("\u0bad")).isZero();
        assertThat(a.match("\u0bad sender")).isEqualTo(1L << 2);
        assertThat(a.match("a bad sender")).isEqualTo(1L << 1);
    }
}
