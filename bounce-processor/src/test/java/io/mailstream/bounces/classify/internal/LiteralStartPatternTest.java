package io.mailstream.bounces.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiteralStartPatternTest {

    @Test
    void theWordsEveryMatchStartsWithShouldBeReadFromALeadingLiteralOrGroupOfWords() {
        assertThat(LiteralStartPattern.literalStarts("\\bunknown (?:e-?mail )?user\\b")).containsExactly("unknown ");
        assertThat(LiteralStartPattern.literalStarts("\\b(?:user|mailbox|użytkownik)\\b.{0,9}x"))
                .containsExactly("user", "mailbox", "użytkownik");
        assertThat(LiteralStartPattern.literalStarts("<[^<>\\s]+@[^<>\\s]+>")).containsExactly("<");
        assertThat(LiteralStartPattern.literalStarts("\\bnon-? ?existent")).containsExactly("non");
        assertThat(LiteralStartPattern.literalStarts("\\b5\\.1\\.1\\b")).containsExactly("5");
    }

    @Test
    void aRegexWhoseStartIsOptionalVariedOrSplitByATopLevelAlternativeShouldHaveNoWords() {
        assertThat(LiteralStartPattern.literalStarts("\\bab|cd")).isEmpty();
        assertThat(LiteralStartPattern.literalStarts("[x|y]|z")).isEmpty();
        assertThat(LiteralStartPattern.literalStarts("\\b(?:user|mailbox)?x")).isEmpty();
        assertThat(LiteralStartPattern.literalStarts("\\b(?:e-?mail|user)x")).isEmpty();
        assertThat(LiteralStartPattern.literalStarts("\\b(?:a(?:b|c)|d)x")).isEmpty();
        assertThat(LiteralStartPattern.literalStarts("a?bc")).isEmpty();
        assertThat(LiteralStartPattern.literalStarts("\\w+@")).isEmpty();
    }

    @Test
    void aRegexShouldMatchExactlyWhereItMatchedWithoutItsWordsLookedUpFirst() {
        List<String> regexes = List.of("\\bunknown (?:e-?mail )?user\\b", "\\b(?:user|account|count)\\b.{0,9}x",
                "<[^<>\\s]+@[^<>\\s]+>", "\\bnon-? ?existent", "ab|cd", "\\b(?:er|user)s? x");
        List<String> texts = List.of("", "unknown user", "the unknown users", "xaccount x", "account  count y x",
                "<a@b> <c", "nonexistent", "non-existent", "cd", "a user x", "users x", "reuser x", "ers x");
        for (String regex : regexes) {
            Pattern p = Pattern.compile(regex);
            LiteralStartPattern l = LiteralStartPattern.of(p);
            for (String text : texts) {
                assertThat(l.foundIn(text)).as(regex + " in " + text).isEqualTo(p.matcher(text).find());
            }
        }
    }
}
