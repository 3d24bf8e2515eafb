package io.mailstream.dispatcher.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

    private static String stuffed(String... writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        for (String w : writes) {
            data.write(w.getBytes(StandardCharsets.US_ASCII));
        }
        data.finish();
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void contentShouldPassUnchangedAndEndWithADotLine() throws IOException {
        assertThat(stuffed("Subject: x\r\n\r\nbody\r\n")).isEqualTo("Subject: x\r\n\r\nbody\r\n.\r\n");
    }

    @Test
    void linesStartingWithADotShouldGetAnotherOne() throws IOException {
        assertThat(stuffed(".first\r\nmid.dle\r\n.\r\n..two\r\n")).isEqualTo("..first\r\nmid.dle\r\n..\r\n...two\r\n.\r\n");
    }

    @Test
    void bareLineFeedsAndCarriageReturnsShouldBecomeCrlf() throws IOException {
        assertThat(stuffed("a\nb\rc\r\n")).isEqualTo("a\r\nb\r\nc\r\n.\r\n");
    }

    @Test
    void anUnterminatedLastLineShouldBeTerminatedBeforeTheDot() throws IOException {
        assertThat(stuffed("last")).isEqualTo("last\r\n.\r\n");
        assertThat(stuffed("last\r")).isEqualTo("last\r\n.\r\n");
    }

    @Test
    void stuffingShouldNotDependOnHowTheContentIsSplitIntoWrites() throws IOException {
        assertThat(stuffed("a\r", "\n.b\r", "\n", ".", "c\n", "\n")).isEqualTo("a\r\n..b\r\n..c\r\n\r\n.\r\n");
    }

    @Test
    void emptyContentShouldBeJustTheDotLine() throws IOException {
        assertThat(stuffed()).isEqualTo(".\r\n");
    }
}
