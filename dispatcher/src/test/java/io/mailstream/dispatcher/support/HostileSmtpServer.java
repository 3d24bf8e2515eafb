package io.mailstream.dispatcher.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain-socket SMTP server on 127.0.0.1 that misbehaves in one chosen way, the way tarpits and
 * broken receivers do. SubEthaSMTP cannot be made to misbehave like this, hence a server of its own:
 * <ul>
 *   <li>{@link #endlessEhlo()}: answers EHLO with {@code 250-} lines that never end;</li>
 *   <li>{@link #dripFeed(Duration)}: answers the end of DATA one byte at a time, a byte every
 *       {@code interval}, with a reply that takes far longer than any transaction may;</li>
 *   <li>{@link #dripGreeting(Duration)}: the same with its greeting, the classic tarpit;</li>
 *   <li>{@link #brokenStarttls()}: offers STARTTLS, says 220 to it, then sends bytes that are not
 *       TLS; accepts mail in plain text from a client that does not ask for STARTTLS.</li>
 * </ul>
 * Counts connections, bytes sent and messages accepted, and notes whether each accepted message
 * came on a connection that had tried STARTTLS.
 */
public final class HostileSmtpServer implements AutoCloseable {
    private enum Mode { ENDLESS_EHLO, DRIP_FEED, DRIP_GREETING, BROKEN_STARTTLS }

    /** One accepted message; {@code afterStarttls} is whether its connection had said STARTTLS. */
    public record Accepted(String envelopeFrom, boolean afterStarttls) {
    }

    private final Mode mode;
    private final Duration dripInterval;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger starttlsCommands = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();

    private HostileSmtpServer(Mode mode, Duration dripInterval) throws IOException {
        this.mode = mode;
        this.dripInterval = dripInterval;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("hostile-smtp-" + server.getLocalPort()).start(this::acceptLoop);
    }

    public static HostileSmtpServer endlessEhlo() throws IOException {
        return new HostileSmtpServer(Mode.ENDLESS_EHLO, Duration.ZERO);
    }

    public static HostileSmtpServer dripFeed(Duration interval) throws IOException {
        return new HostileSmtpServer(Mode.DRIP_FEED, interval);
    }

    public static HostileSmtpServer dripGreeting(Duration interval) throws IOException {
        return new HostileSmtpServer(Mode.DRIP_GREETING, interval);
    }

    public static HostileSmtpServer brokenStarttls() throws IOException {
        return new HostileSmtpServer(Mode.BROKEN_STARTTLS, Duration.ZERO);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connectionCount.get();
    }

    public int starttlsCommands() {
        return starttlsCommands.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connectionCount.incrementAndGet();
                connections.add(s);
                Thread.ofVirtual().name("hostile-smtp-session").start(() -> session(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void session(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            if (mode == Mode.DRIP_GREETING) {
                drip(out, "220 hostile.test " + "ESMTP ".repeat(2_000) + "\r\n");
                return;
            }
            send(out, "220 hostile.test ESMTP\r\n");
            boolean starttls = false;
            String from = null;
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.toUpperCase(java.util.Locale.ROOT);
                if (cmd.startsWith("EHLO")) {
                    if (mode == Mode.ENDLESS_EHLO) {
                        endless(out);
                        return;
                    }
                    send(out, "250-hostile.test\r\n" + (mode == Mode.BROKEN_STARTTLS ? "250-STARTTLS\r\n" : "") + "250 8BITMIME\r\n");
                } else if (cmd.startsWith("HELO")) {
                    send(out, "250 hostile.test\r\n");
                } else if (cmd.equals("STARTTLS")) {
                    starttlsCommands.incrementAndGet();
                    starttls = true;
                    send(out, "220 2.0.0 go ahead\r\n");
                    // Not a TLS ServerHello: the client's handshake fails on it.
                    send(out, "this is not TLS\r\n");
                    return;
                } else if (cmd.startsWith("MAIL FROM:")) {
                    from = line.substring(10).strip();
                    send(out, "250 2.1.0 ok\r\n");
                } else if (cmd.startsWith("RCPT TO:")) {
                    send(out, "250 2.1.5 ok\r\n");
                } else if (cmd.equals("DATA")) {
                    send(out, "354 go ahead\r\n");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the content is not kept
                    }
                    if (mode == Mode.DRIP_FEED) {
                        drip(out, "250 2.0.0 queued as " + "X".repeat(10_000) + "\r\n");
                        return;
                    }
                    accepted.add(new Accepted(from, starttls));
                    send(out, "250 2.0.0 queued\r\n");
                } else if (cmd.equals("RSET") || cmd.equals("NOOP")) {
                    send(out, "250 ok\r\n");
                } else if (cmd.equals("QUIT")) {
                    send(out, "221 bye\r\n");
                    return;
                } else {
                    send(out, "502 5.5.2 not implemented\r\n");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up on us, which is what these tests want
        }
    }

    private void endless(OutputStream out) throws IOException {
        byte[] line = "250-hostile.test keeps talking and talking\r\n".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            out.write(line);
            bytesSent.addAndGet(line.length);
        }
    }

    private void drip(OutputStream out, String reply) throws IOException, InterruptedException {
        for (byte b : reply.getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            bytesSent.incrementAndGet();
            Thread.sleep(dripInterval); // the pace of the tarpit being imitated, not a wait for a condition
        }
    }

    private void send(OutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b);
        out.flush();
        bytesSent.addAndGet(b.length);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
        acceptor.interrupt();
    }
}
