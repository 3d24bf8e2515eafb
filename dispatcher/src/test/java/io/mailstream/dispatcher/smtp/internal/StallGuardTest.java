package io.mailstream.dispatcher.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallGuardTest {

    private static boolean watcherRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("mailstream-smtp-stall-guard") && t.isAlive());
    }

    @Test
    void aReadThatGetsNothingShouldFailWithATimeoutAndTheWatcherShouldStopWithTheLastSocket() throws Exception {
        StallGuard guard = new StallGuard(Duration.ofMillis(200));
        try (ServerSocket server = new ServerSocket(0);
             Socket client = guard.socketFactory().createSocket()) {
            client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 2_000);
            try (Socket accepted = server.accept()) {
                assertThat(accepted.isConnected()).isTrue();
                assertThat(guard.openSockets()).isEqualTo(1);
                InputStream in = client.getInputStream();

                long start = System.nanoTime();
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("Read timed out");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
                assertThat(client.isClosed()).isTrue();
            }
        }
        assertThat(guard.openSockets()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !watcherRunning());
    }

    @Test
    void aSocketThatKeepsGettingDataShouldNotBeClosed() throws Exception {
        StallGuard guard = new StallGuard(Duration.ofMillis(200));
        try (ServerSocket server = new ServerSocket(0);
             Socket client = guard.socketFactory().createSocket("127.0.0.1", server.getLocalPort());
             Socket accepted = server.accept()) {
            InputStream in = client.getInputStream();
            for (int i = 0; i < 10; i++) {
                // Each reply comes well within the timeout, but together they take longer than it.
                accepted.getOutputStream().write('x');
                assertThat(in.read()).isEqualTo('x');
                await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
            }
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aClosedGuardShouldRefuseNewConnections() throws Exception {
        StallGuard guard = new StallGuard(Duration.ofSeconds(1));
        guard.close();
        try (ServerSocket server = new ServerSocket(0)) {
            assertThatThrownBy(() -> guard.socketFactory().createSocket("127.0.0.1", server.getLocalPort()))
                    .isInstanceOf(IOException.class).hasMessageContaining("shut down");
        }
    }
}
