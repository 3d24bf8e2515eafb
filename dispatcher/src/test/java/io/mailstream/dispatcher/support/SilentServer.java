package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that never speaks SMTP: it accepts connections and either closes them at once
 * ({@link #closing}, a host whose SMTP service is broken) or holds them without a byte
 * ({@link #stalled}, a host that stopped answering). Counts accepted connections, so a test sees
 * whether a client stayed away.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final boolean hold;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SilentServer(boolean hold) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.hold = hold;
        this.acceptor = new Thread(this::acceptLoop, "silent-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SilentServer closing() throws IOException {
        return new SilentServer(false);
    }

    public static SilentServer stalled() throws IOException {
        return new SilentServer(true);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                if (hold) {
                    held.add(s);
                } else {
                    s.close();
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
