package io.mailstream.dispatcher.support;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny scripted SMTP server on a raw socket that shows how a client sends its commands.
 * Replies depend on the recipient's local part: {@code unknown} → 550 5.1.1, {@code later} →
 * 451 4.7.1, {@code closing} → 421 4.7.0 and the connection is closed, anything else 250.
 *
 * <p>{@link #pipelining()} advertises PIPELINING (RFC 2920) and <em>holds its replies to MAIL FROM
 * and RCPT TO until the group's last command</em> (DATA, RSET, NOOP, QUIT): a client that waited
 * for each reply before sending the next command would wait until its read timeout. It records,
 * per TCP read, the commands that arrived in it ({@link #commandsPerRead()}), so a test can see a
 * group arrive in one batch. {@link #lockstep()} advertises no PIPELINING and answers every command
 * at once, as a server from before RFC 2920. The {@code withChunking} variants also offer CHUNKING
 * and take {@code BDAT n [LAST]} (RFC 3030).
 */
public final class PipeliningSmtpServer implements AutoCloseable {
    public record Received(String envelopeFrom, List<String> recipients, String data) {
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final boolean pipelining;
    private final boolean dataWithoutRecipients;
    private final boolean chunking;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<List<String>> reads = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Integer> contentLengths = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private PipeliningSmtpServer(boolean pipelining, boolean dataWithoutRecipients, boolean chunking) {
        this.pipelining = pipelining;
        this.dataWithoutRecipients = dataWithoutRecipients;
        this.chunking = chunking;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.acceptor = Thread.ofPlatform().name("pipelining-smtp-accept").daemon().start(this::accept);
    }

    /** Advertises PIPELINING and holds MAIL/RCPT replies until the group ends. */
    public static PipeliningSmtpServer pipelining() {
        return new PipeliningSmtpServer(true, false, false);
    }

    /** As {@link #pipelining()}, also offering CHUNKING (RFC 3030): BDAT replies are held as well, but the last. */
    public static PipeliningSmtpServer pipeliningWithChunking() {
        return new PipeliningSmtpServer(true, false, true);
    }

    /** As {@link #lockstep()}, offering CHUNKING (RFC 3030) but not PIPELINING. */
    public static PipeliningSmtpServer lockstepWithChunking() {
        return new PipeliningSmtpServer(false, false, true);
    }

    /**
     * As {@link #pipelining()}, but answers DATA with 354 even when no recipient was accepted, as
     * RFC 2920 §3.1 says a server may; the content that follows is refused with 554.
     */
    public static PipeliningSmtpServer pipeliningAcceptingDataWithoutRecipients() {
        return new PipeliningSmtpServer(true, true, false);
    }

    /** Advertises no PIPELINING; answers each command at once. */
    public static PipeliningSmtpServer lockstep() {
        return new PipeliningSmtpServer(false, false, false);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The commands (not message content) that arrived in each TCP read, in order over all sessions. */
    public List<List<String>> commandsPerRead() {
        return List.copyOf(reads);
    }

    /** Every command line received, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The length of the content of each DATA or BDAT transaction, accepted or not, in order: 0 when the client sent "." alone. */
    public List<Integer> contentLengths() {
        return List.copyOf(contentLengths);
    }

    /** Connections accepted so far. */
    public int sessions() {
        return sessions.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sessions.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().name("pipelining-smtp-session").start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Session session = new Session(socket.getInputStream(), new BufferedOutputStream(socket.getOutputStream()));
            session.run();
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private final class Session {
        private final Lines lines;
        private final OutputStream out;
        private String from;
        private final List<String> accepted = new ArrayList<>();
        private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

        Session(InputStream in, OutputStream out) {
            this.lines = new Lines(in);
            this.out = out;
        }

        void run() throws IOException {
            reply("220 pipelining.test ESMTP scripted", true);
            String line;
            while ((line = lines.next(true)) != null) {
                commands.add(line);
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply((pipelining ? "250-pipelining.test\r\n250-PIPELINING\r\n" : "250-lockstep.test\r\n")
                            + (chunking ? "250-CHUNKING\r\n" : "") + "250 8BITMIME", true);
                    case "HELO" -> reply("250 lockstep.test", true);
                    case "MAIL" -> {
                        from = between(line, '<', '>');
                        accepted.clear();
                        chunks.reset();
                        reply("250 2.1.0 sender ok", !pipelining);
                    }
                    case "RCPT" -> {
                        if (!recipient(between(line, '<', '>'))) {
                            return;
                        }
                    }
                    case "DATA" -> data();
                    case "BDAT" -> bdat(line);
                    case "RSET" -> {
                        from = null;
                        accepted.clear();
                        reply("250 2.0.0 reset", true);
                    }
                    case "NOOP" -> reply("250 2.0.0 ok", true);
                    case "QUIT" -> {
                        reply("221 2.0.0 bye", true);
                        return;
                    }
                    default -> reply("500 5.5.2 unknown command", true);
                }
            }
        }

        // false when the session ends (421)
        private boolean recipient(String rcpt) throws IOException {
            String local = rcpt.substring(0, Math.max(0, rcpt.indexOf('@')));
            switch (local) {
                case "unknown" -> reply("550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown", !pipelining);
                case "later" -> reply("451 4.7.1 <" + rcpt + ">: Greylisted, try again later", !pipelining);
                case "closing" -> {
                    reply("421 4.7.0 pipelining.test closing connection", true);
                    return false;
                }
                default -> {
                    accepted.add(rcpt);
                    reply("250 2.1.5 recipient ok", !pipelining);
                }
            }
            return true;
        }

        private void data() throws IOException {
            if (from == null) {
                reply("503 5.5.1 MAIL first", true);
                return;
            }
            if (accepted.isEmpty() && !dataWithoutRecipients) {
                reply("554 5.5.1 no valid recipients", true);
                return;
            }
            reply("354 end with <CRLF>.<CRLF>", true);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            String line;
            while ((line = lines.next(false)) != null && !line.equals(".")) {
                content.writeBytes((line.startsWith(".") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
                content.writeBytes(CRLF);
            }
            contentLengths.add(content.size());
            if (accepted.isEmpty()) {
                reply("554 5.5.1 no valid recipients", true);
            } else {
                received.add(new Received(from, List.copyOf(accepted), content.toString(StandardCharsets.UTF_8)));
                reply("250 2.0.0 queued", true);
            }
            from = null;
            accepted.clear();
        }

        private void bdat(String line) throws IOException {
            String[] words = line.split(" ");
            boolean last = words.length > 2 && words[2].equalsIgnoreCase("LAST");
            chunks.writeBytes(lines.nextBytes(Integer.parseInt(words[1])));
            if (!last) {
                reply("250 2.0.0 chunk received", !pipelining);
                return;
            }
            contentLengths.add(chunks.size());
            if (from == null || accepted.isEmpty()) {
                reply("554 5.5.1 no valid recipients", true);
            } else {
                received.add(new Received(from, List.copyOf(accepted), chunks.toString(StandardCharsets.UTF_8)));
                reply("250 2.0.0 queued", true);
            }
            from = null;
            accepted.clear();
            chunks.reset();
        }

        private void reply(String text, boolean flush) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            if (flush) {
                out.flush();
            }
        }

        private static String between(String line, char open, char close) {
            int a = line.indexOf(open);
            int b = line.indexOf(close, a + 1);
            return a < 0 || b < 0 ? "" : line.substring(a + 1, b);
        }
    }

    /** Splits what arrives into lines and notes, for command lines, which TCP read brought them. */
    private final class Lines {
        private final InputStream in;
        private final byte[] chunk = new byte[64 * 1024];
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final Map<Integer, List<String>> commandsByRead = new TreeMap<>();
        private int readNumber;
        private int scanFrom;

        Lines(InputStream in) {
            this.in = in;
        }

        String next(boolean command) throws IOException {
            while (true) {
                byte[] buf = pending.toByteArray();
                for (int i = scanFrom; i < buf.length; i++) {
                    if (buf[i] == '\n') {
                        int end = i > 0 && buf[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buf, 0, end, StandardCharsets.UTF_8);
                        pending.reset();
                        pending.write(buf, i + 1, buf.length - i - 1);
                        scanFrom = 0;
                        if (command) {
                            noteCommand(line);
                        }
                        return line;
                    }
                }
                scanFrom = buf.length;
                int n = in.read(chunk);
                if (n < 0) {
                    return null;
                }
                readNumber++;
                pending.write(chunk, 0, n);
            }
        }

        /** The next {@code n} bytes as they are (a BDAT chunk). */
        byte[] nextBytes(int n) throws IOException {
            while (pending.size() < n) {
                int r = in.read(chunk);
                if (r < 0) {
                    throw new java.io.EOFException("closed in a BDAT chunk");
                }
                readNumber++;
                pending.write(chunk, 0, r);
            }
            byte[] buf = pending.toByteArray();
            pending.reset();
            pending.write(buf, n, buf.length - n);
            scanFrom = 0;
            return java.util.Arrays.copyOf(buf, n);
        }

        // A command belongs to the read that brought its last byte.
        private void noteCommand(String line) {
            List<String> batch = commandsByRead.get(readNumber);
            if (batch == null) {
                batch = new CopyOnWriteArrayList<>();
                commandsByRead.put(readNumber, batch);
                reads.add(batch);
            }
            batch.add(line);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
