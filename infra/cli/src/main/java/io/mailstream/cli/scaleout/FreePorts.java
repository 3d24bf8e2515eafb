package io.mailstream.cli.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports for processes that must be told theirs up front (brokers and controllers list each other). */
public final class FreePorts {
    private FreePorts() {
    }

    public static int next() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code port} accepts connections, failing early if the process died. */
    public static void await(ServiceProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new ScaleOutException(process.name() + " exited before opening port " + port + "; its log ends with:\n"
                        + process.logTail(20));
            }
            if (System.nanoTime() > deadline) {
                throw new ScaleOutException(process.name() + " did not open port " + port + " within " + timeout
                        + "; see " + process.log());
            }
            try {
                Thread.sleep(200); // polling a port: nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScaleOutException("interrupted while waiting for " + process.name());
            }
        }
    }
}
