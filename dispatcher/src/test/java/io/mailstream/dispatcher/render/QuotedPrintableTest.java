package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoded text must decode back with Jakarta Mail's decoder and keep to RFC 2045 §6.7's line rules. */
class QuotedPrintableTest {
    private static final String ALPHABET = "abcXYZ019 \t=.-_ü€é日本\r\n";

    private static String encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8), out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String decode(String encoded) throws Exception {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)),
                "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertWellFormed(String encoded) {
        for (String line : encoded.split("\r\n", -1)) {
            assertThat(line.length()).as("line '%s'", line).isLessThanOrEqualTo(76);
            assertThat(line).as("line '%s'", line).doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(line.chars().allMatch(c -> c >= 32 && c < 127 || c == '\t')).as("line '%s'", line).isTrue();
        }
        assertThat(encoded.replace("\r\n", "")).doesNotContain("\r", "\n");
    }

    @Test
    void randomTextShouldRoundTripThroughJakartaMailsDecoder() throws Exception {
        Random random = new Random(20261123);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(n % 10 == 0 ? 400 : 60);
            for (int i = 0; i < length; i++) {
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                if (c == '\r') {
                    b.append("\r\n"); // canonical text: CR only in CRLF
                } else if (c != '\n') {
                    b.append(c);
                }
            }
            String text = b.toString();
            String encoded = encode(text);

            assertWellFormed(encoded);
            assertThat(decode(encoded)).as("decoded form of %s", encoded).isEqualTo(text);
        }
    }

    @Test
    void encodeShouldFollowTheRulesOfRfc2045() {
        assertThat(encode("Zürich = 1")).isEqualTo("Z=C3=BCrich =3D 1");
        assertThat(encode("trailing space \r\nand tab\t")).isEqualTo("trailing space=20\r\nand tab=09");
        String encoded = encode("x".repeat(200));
        assertThat(encoded.split("\r\n")).hasSize(3).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(76));
        assertThat(encoded.split("\r\n")[0]).hasSize(76).endsWith("=");
    }
}
