package io.mailstream.dispatcher.smtp.internal;

import io.mailstream.dispatcher.render.MessageBytes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The byte level of one SMTP connection: commands are buffered until {@link #flush()} (so a
 * pipelined group leaves in one write, RFC 2920 §3.1), replies are read with a {@link ReplyReader},
 * message content goes through {@link DotStuffingOutputStream}. STARTTLS swaps the socket for a TLS
 * one layered on it (RFC 3207 §4.2). Not thread-safe.
 */
public final class SmtpWire implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};

    private Socket socket;
    private OutputStream out;
    private ReplyReader replies;

    /** The local address the connection left from (the sending IP the server sees). */
    public java.net.InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    public SmtpWire(Socket socket) throws IOException {
        attach(socket);
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        this.replies = new ReplyReader(new BufferedInputStream(s.getInputStream(), 4 * 1024));
    }

    /** Buffers {@code command} and CRLF; nothing is sent before {@link #flush()}. */
    public void send(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    public void flush() throws IOException {
        out.flush();
    }

    public Reply read() throws IOException {
        return replies.read();
    }

    /** One command, one round trip. */
    public Reply command(String command) throws IOException {
        send(command);
        flush();
        return read();
    }

    /** Sends the message as DATA content, dot-stuffed and terminated, and flushes. */
    public void sendContent(MessageBytes content) throws IOException {
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        content.writeTo(data);
        data.finish();
        out.flush();
    }

    /**
     * Buffers the message as one last BDAT chunk (RFC 3030 §2): its exact bytes, no dot-stuffing,
     * nothing sent before {@link #flush()}.
     */
    public void sendLastChunk(MessageBytes content) throws IOException {
        send("BDAT " + content.length() + " LAST");
        content.writeTo(out);
    }

    /** TLS from here on, over the same TCP connection; the handshake happens now. */
    public void startTls(SSLSocketFactory factory, String serverName, int port) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, serverName, port, true);
        tls.startHandshake();
        attach(tls);
    }

    /** The peer's address, for reports; empty when the socket is not connected. */
    public java.util.Optional<String> remoteAddress() {
        return java.util.Optional.ofNullable(socket.getInetAddress()).map(java.net.InetAddress::getHostAddress);
    }

    /** Closes the connection at once; for QUIT first, see {@link SmtpSession#close()}. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that does not close
        }
    }
}
