package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started as {@code mailstream} does (its {@code main}) serves HTTP while more clients than it
 * has handler threads trickle their requests: the launcher's request timeout frees the threads.
 * The schema registry ({@code mailstream registry}, 4 handler threads) stands for every HTTP server
 * of the launcher; the JDK's limit is JVM-wide. Without the limit the last request below would wait
 * for good.
 */
class SlowLorisIT {
    private static final Pattern LISTENING = Pattern.compile("schema registry listening on (http://\\S+)");
    private EmbeddedKafka kafka;
    private Process registry;
    private final List<Socket> lorises = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : lorises) {
            s.close();
        }
        if (registry != null) {
            registry.destroyForcibly();
        }
        kafka.close();
    }

    @Test
    void aServerWhoseThreadsAreHeldByTricklingClientsShouldAnswerOthersAfterTheRequestTimeout() throws Exception {
        Path log = dir.resolve("registry.log");
        registry = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmailstream.http.request-timeout=PT2S", "-cp", System.getProperty("java.class.path"),
                "io.mailstream.cli.Mailstream", "registry", "--bootstrap-servers", kafka.bootstrapServers(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AtomicReference<String> url = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher m = LISTENING.matcher(Files.readString(log));
            return m.find() && url.compareAndSet(null, m.group(1));
        });
        URI base = URI.create(url.get());

        for (int i = 0; i < 6; i++) {
            Socket s = new Socket(base.getHost(), base.getPort());
            OutputStream out = s.getOutputStream();
            // half of them stop inside the headers, half inside a body they announced
            String partial = i % 2 == 0 ? "GET /subjects HTTP/1.1\r\nHost: x\r\nX-Slow: "
                    : "POST /subjects/s/versions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"sch";
            out.write(partial.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            lorises.add(s);
        }

        long started = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/subjects"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}
