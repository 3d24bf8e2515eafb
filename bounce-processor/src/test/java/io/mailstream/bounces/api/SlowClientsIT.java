package io.mailstream.bounces.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The unsubscribe and suppression API, in a JVM with the request timeout the launcher sets
 * ({@code sun.net.httpserver.maxReqTime}, here 4 s), keeps serving while more clients than it has
 * threads (2) trickle their requests: the JDK drops those stuck past its timeout (headers or body),
 * a body that reached its handler in time gets 408, and none of them changes anything.
 */
class SlowClientsIT {
    private Process api;
    private final List<Socket> lorises = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : lorises) {
            s.close();
        }
        if (api != null) {
            api.getOutputStream().close();
            if (!api.waitFor(10, TimeUnit.SECONDS)) {
                api.destroyForcibly();
            }
        }
    }

    @Test
    void slowHeadersAndSlowBodiesShouldNotStopTheApiNorChangeAnything() throws Exception {
        api = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.maxReqTime=4", "-cp", System.getProperty("java.class.path"),
                SlowClientsApiMain.class.getName()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(api.getInputStream(), StandardCharsets.UTF_8));
        String[] ready = firstLineStartingWith(out, "port ").split(" ");
        int port = Integer.parseInt(ready[1]);
        String token = ready[3];

        List<Socket> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(20_000);
            String partial = switch (i % 3) {
                case 0 -> "GET /u/" + token + " HTTP/1.1\r\nHost: x\r\nX-Slow: ";
                case 1 -> "POST /u/" + token + " HTTP/1.1\r\nHost: x\r\nContent-Length: 26\r\n\r\nList-Unsub";
                default -> "POST /suppressions HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n{\"address\": \"bo";
            };
            s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            lorises.add(s);
            if (i % 3 != 0) {
                bodies.add(s);
            }
        }

        long started = System.nanoTime();
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/u/" + token)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        for (Socket s : lorises) {
            // the rest of each request, far too late: it must change nothing
            String rest = bodies.contains(s) ? "scribe=One-Click\"b@example.org\"}" : "1\r\n\r\n";
            try {
                s.getOutputStream().write(rest.getBytes(StandardCharsets.US_ASCII));
                String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                // a body that reached its handler got 408; one still queued behind the others when the JDK's timeout hit was dropped
                assertThat(answer).as("answer to a request that came too slowly").satisfiesAnyOf(
                        a -> assertThat(a).isNull(),
                        a -> assertThat(a).startsWith("HTTP/1.1 408 "));
            } catch (java.net.SocketException dropped) {
                // dropped by the JDK's request timeout (connection reset): nothing to answer
            }
        }
        api.getOutputStream().close();
        assertThat(firstLineStartingWith(out, "writes ")).isEqualTo("writes []");
    }

    private static String firstLineStartingWith(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("the API process ended without printing '" + prefix + "…'");
    }
}
