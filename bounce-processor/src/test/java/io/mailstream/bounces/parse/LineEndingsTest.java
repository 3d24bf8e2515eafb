package io.mailstream.bounces.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineEndingsTest {

    @Test
    void octetsShouldReadAsTheirLatin1TextWithItsLineEndingsNormalised() {
        for (String text : List.of("", "a", "\r", "\r\n", "\n\r", "a\r\nb\rc\n\r\r\nd\r", "no line end", "é\r\n\u00ff\r")) {
            byte[] raw = (text + "tail\r\n").getBytes(StandardCharsets.ISO_8859_1);
            int length = text.length();
            assertThat(LineEndings.normalizedLatin1(raw, length)).as(text)
                    .isEqualTo(LineEndings.normalize(text)).isEqualTo(text.replace("\r\n", "\n").replace('\r', '\n'));
        }
    }
}
