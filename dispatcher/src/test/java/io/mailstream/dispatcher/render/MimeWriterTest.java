package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.EmailAddress;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire bytes, read back by Jakarta Mail as a receiving client would. */
class MimeWriterTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private final MimeWriter writer = new MimeWriter(Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));

    private static MimeWriter.Envelope envelope(Optional<String> fromName, Map<String, String> extra) {
        return new MimeWriter.Envelope("m-1", Optional.of("c1"), EmailAddress.parse("news@acme.example"), fromName,
                EmailAddress.parse("ann@example.com"), Optional.empty(), EmailAddress.parse("bounces+m-1@b.acme.example"),
                EmailAddress.parse("unsubscribe+m-1@b.acme.example"), extra);
    }

    private static RenderedContent both(String text, String html) {
        return new RenderedContent("Hello", Optional.of(html), Optional.of(text), Optional.empty());
    }

    private static MimeMessage parse(MessageBytes bytes) throws Exception {
        return new MimeMessage(SESSION, bytes.newInputStream());
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("ASCII with bare LF and CR", "line one\nline two\rline three\r\nend", "7bit"),
                Arguments.of("a few accents", "Grüße aus Köln,\nbis bald!", "quoted-printable"),
                Arguments.of("mostly non-Latin", "こんにちは、世界。\nようこそ", "base64"),
                Arguments.of("a line over 998 octets", "x".repeat(1500), "quoted-printable"),
                Arguments.of("a dot alone on a line", "before\n.\nafter", "7bit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void partsShouldReadBackAsTheirTextWithTheChosenEncoding(String name, String text, String encoding) throws Exception {
        MimeMessage mime = parse(writer.write(envelope(Optional.empty(), Map.of()), both(text, "<p>" + text + "</p>")));

        MimeMultipart parts = (MimeMultipart) mime.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        MimeBodyPart plain = (MimeBodyPart) parts.getBodyPart(0);
        assertThat(plain.getEncoding()).isEqualTo(encoding);
        // Line ends become CRLF, the canonical form of text (RFC 2049 §4), whatever the encoding.
        String expected = text.replaceAll("\r\n|\r|\n", "\r\n");
        assertThat((String) plain.getContent()).isEqualTo(expected);
        assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo("<p>" + expected + "</p>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void wireFormShouldBeAsciiWithCrlfLinesOfAtMost998Octets(String name, String text, String encoding) throws Exception {
        byte[] wire = writer.write(envelope(Optional.of("Acme Ünïcode News"), Map.of("X-Tag", "Frühling")),
                both(text, text)).toByteArray();

        for (int i = 0, lineStart = 0; i < wire.length; i++) {
            assertThat(wire[i] & 0xff).as("byte %d", i).isLessThan(128);
            if (wire[i] == '\n') {
                assertThat(i > 0 && wire[i - 1] == '\r').as("LF at %d ends a CRLF", i).isTrue();
                assertThat(i - 1 - lineStart).as("line ending at %d", i).isLessThanOrEqualTo(998);
                lineStart = i + 1;
            } else if (wire[i] == '\r') {
                assertThat(i + 1 < wire.length && wire[i + 1] == '\n').as("CR at %d starts a CRLF", i).isTrue();
            }
        }
    }

    @Test
    void headersShouldReadBackAsSet() throws Exception {
        MimeMessage mime = parse(writer.write(envelope(Optional.of("Acme \"Best\" News"), Map.of("X-Tag", "Frühling")),
                new RenderedContent("Grüße " + "und noch mehr Text ".repeat(8), Optional.empty(), Optional.of("hi"),
                        Optional.of("https://acme.example/u?m=m-1"))));

        assertThat(mime.getFrom()).extracting(Object::toString).containsExactly("\"Acme \\\"Best\\\" News\" <news@acme.example>");
        assertThat(mime.getSubject()).isEqualTo("Grüße " + "und noch mehr Text ".repeat(8));
        assertThat(mime.getMessageID()).isEqualTo("<m-1@acme.example>");
        assertThat(mime.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(mime.getHeader("X-Tag", null)).isEqualTo("=?UTF-8?Q?Fr=C3=BChling?=");
        assertThat(mime.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s+", " "))
                .isEqualTo("<https://acme.example/u?m=m-1>, <mailto:unsubscribe+m-1@b.acme.example>");
        assertThat(mime.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mime.getContentType()).startsWith("text/plain");
        assertThat(mime.getContent()).isEqualTo("hi");
    }

    @Test
    void eachMessageShouldGetItsOwnBoundary() throws Exception {
        RenderedContent content = both("text", "<p>html</p>");
        String a = ((MimeMultipart) parse(writer.write(envelope(Optional.empty(), Map.of()), content)).getContent())
                .getContentType();
        String b = ((MimeMultipart) parse(writer.write(envelope(Optional.empty(), Map.of()), content)).getContent())
                .getContentType();

        assertThat(a).startsWith("multipart/alternative").contains("boundary=");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void writeShouldLeaveNoBareLineEndInsideHeaders() throws Exception {
        String wire = new String(writer.write(envelope(Optional.empty(), Map.of()),
                both("a\nb", "c")).toByteArray(), StandardCharsets.US_ASCII);
        String header = wire.substring(0, wire.indexOf("\r\n\r\n"));

        assertThat(Arrays.stream(header.split("\r\n")).filter(l -> l.contains("\n") || l.contains("\r"))).isEmpty();
        assertThat(header).contains("MIME-Version: 1.0", "X-Mailstream-Campaign-Id: c1", "X-Mailstream-Message-Id: m-1");
    }
}
