package io.mailstream.dispatcher.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Repeats {@code pattern} for ever: a server that never stops talking. */
    private static InputStream endless(String pattern) {
        byte[] p = pattern.getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private long i;

            @Override
            public int read() {
                return p[(int) (i++ % p.length)];
            }
        };
    }

    @Test
    void readShouldReturnCodeAndTextOfASingleLineReply() throws Exception {
        Reply r = reader("550 5.1.1 <x@example.com>: User unknown\r\n").read();

        assertThat(r.code()).isEqualTo(550);
        assertThat(r.lines()).containsExactly("5.1.1 <x@example.com>: User unknown");
        assertThat(r.asSmtpReply().enhancedStatus()).contains("5.1.1");
    }

    @Test
    void readShouldJoinAMultiLineReplyAndStopAtItsLastLine() throws Exception {
        ReplyReader reader = reader("250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n354 go\r\n");

        assertThat(reader.read().lines()).containsExactly("mx.example", "PIPELINING", "8BITMIME");
        assertThat(reader.read().code()).isEqualTo(354);
    }

    @Test
    void readShouldAcceptBareLineFeedsAndACodeWithoutText() throws Exception {
        ReplyReader reader = reader("250\n221 bye\n");

        assertThat(reader.read().lines()).containsExactly("");
        assertThat(reader.read().text()).isEqualTo("bye");
    }

    @Test
    void readShouldFailInsteadOfBufferingAnEndlessContinuationStream() {
        ReplyReader reader = new ReplyReader(endless("250-more\r\n"));

        assertThatThrownBy(reader::read).isInstanceOf(SmtpProtocolException.class).hasMessageContaining("line count");
    }

    @Test
    void readShouldFailInsteadOfBufferingALineWithoutEnd() {
        ReplyReader reader = new ReplyReader(endless("250 xxxxxxxxxxxxxxxx"));

        assertThatThrownBy(reader::read).isInstanceOf(SmtpProtocolException.class).hasMessageContaining("line length");
    }

    @Test
    void readShouldRejectWhatIsNotAReply() {
        assertThatThrownBy(() -> reader("hello there\r\n").read()).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> reader("250x ok\r\n").read()).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> reader("999 ok\r\n").read()).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> reader("250-a\r\n550 b\r\n").read())
                .isInstanceOf(SmtpProtocolException.class).hasMessageContaining("changed its code");
    }

    @Test
    void readShouldFailWithEofWhenTheServerClosesMidReply() {
        assertThatThrownBy(() -> reader("250-a\r\n250-b").read()).isInstanceOf(EOFException.class);
    }
}
