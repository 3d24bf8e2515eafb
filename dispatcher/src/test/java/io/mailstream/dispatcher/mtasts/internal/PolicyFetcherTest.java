package io.mailstream.dispatcher.mtasts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyFetcherTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parseShouldDecodeAChunkedBody() throws IOException {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "f\r\nversion: STSv1\n\r\n" + "e\r\nmode: testing\n\r\n0\r\n\r\n";

        assertThat(PolicyFetcher.parse("mta-sts.a.test", bytes(response))).isEqualTo("version: STSv1\nmode: testing\n");
    }

    @Test
    void parseShouldNotFollowRedirects() {
        String response = "HTTP/1.1 301 Moved\r\nLocation: https://evil.test/\r\nContent-Type: text/plain\r\n\r\n";

        assertThatThrownBy(() -> PolicyFetcher.parse("mta-sts.a.test", bytes(response)))
                .isInstanceOf(IOException.class).hasMessageContaining("301");
    }

    @Test
    void parseShouldRefuseABodyThatIsNotTextPlain() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>";

        assertThatThrownBy(() -> PolicyFetcher.parse("mta-sts.a.test", bytes(response)))
                .isInstanceOf(IOException.class).hasMessageContaining("text/html");
    }
}
