package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeUtility;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransferEncodingTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("plain ASCII", "Hi Ann,\r\nwelcome to Acme.\r\n", TransferEncoding.SEVEN_BIT),
                Arguments.of("tabs and bare LF", "a\tb\nc\n", TransferEncoding.SEVEN_BIT),
                Arguments.of("a few accents", "Grüße aus Köln, bis bald!", TransferEncoding.QUOTED_PRINTABLE),
                Arguments.of("mostly non-Latin", "こんにちは、世界。ようこそ", TransferEncoding.BASE64),
                Arguments.of("a 998-octet line", "x".repeat(998), TransferEncoding.SEVEN_BIT),
                Arguments.of("a 999-octet line", "x".repeat(999), TransferEncoding.QUOTED_PRINTABLE),
                Arguments.of("a control character", "bell \u0007 here", TransferEncoding.QUOTED_PRINTABLE),
                Arguments.of("DEL", "del \u007f here", TransferEncoding.QUOTED_PRINTABLE),
                Arguments.of("empty", "", TransferEncoding.SEVEN_BIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void forUtf8TextShouldChooseWhatJakartaMailWouldChoose(String name, String text, String expected) throws Exception {
        String jakarta = MimeUtility.getEncoding(new DataHandler(text, "text/plain; charset=UTF-8"));

        assertThat(TransferEncoding.forUtf8(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(expected).isEqualTo(jakarta);
    }
}
