package io.mailstream.dispatcher.smtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;

/**
 * A TCP socket whose blocking reads and writes a {@link StallGuard} can time out. Underneath is a
 * blocking {@link SocketChannel}'s socket: after a connect with a timeout it is in blocking mode
 * again, so a read is one system call (a plain {@code Socket} connected with a timeout stays
 * non-blocking and polls before every read). Everything else is passed through; TLS layers on
 * top of it as on any socket ({@code SSLSocketFactory.createSocket(socket, ...)}).
 */
final class GuardedSocket extends Socket implements SessionDeadline {
    private final StallGuard guard;
    private final SocketChannel channel;
    private final Socket socket;
    // Set once connected: the channel's streams exist only then.
    private volatile InputStream in;
    private volatile OutputStream out;
    // System.nanoTime() when the current read / write started; 0 when none is under way.
    private volatile long readingSince;
    private volatile long writingSince;
    private volatile String stalled;
    // System.nanoTime() by which the armed exchange must be done; 0 when none is armed.
    private volatile long deadlineAt;
    private volatile Duration deadlineLimit;

    GuardedSocket(StallGuard guard) throws IOException {
        this.guard = guard;
        this.channel = SocketChannel.open();
        this.socket = channel.socket();
    }

    void closeIfStalled(long now, long timeoutNanos, Duration timeout) {
        long r = readingSince;
        long w = writingSince;
        String what = null;
        long d = deadlineAt;
        if (d != 0 && now - d > 0) {
            what = "Transaction timed out: the server did not finish the exchange within " + deadlineLimit.toMillis()
                    + " ms (smtp.transaction-timeout)";
        } else if (r != 0 && now - r > timeoutNanos) {
            what = "Read timed out: no reply within " + timeout.toMillis() + " ms";
        } else if (w != 0 && now - w > timeoutNanos) {
            what = "Write timed out: the server took nothing for " + timeout.toMillis() + " ms";
        }
        if (what != null) {
            stalled = what;
            try {
                close();
            } catch (IOException ignored) {
                // closing is all that is left to do; the blocked call fails either way
            }
        }
    }

    @Override
    public void arm(Duration limit) {
        deadlineLimit = limit;
        long at = System.nanoTime() + limit.toNanos();
        deadlineAt = at == 0 ? 1 : at;
    }

    @Override
    public void disarm() {
        deadlineAt = 0;
    }

    private static long now() {
        long t = System.nanoTime();
        return t == 0 ? 1 : t;
    }

    private IOException translated(IOException e) {
        String why = stalled;
        if (why == null) {
            return e;
        }
        SocketTimeoutException timeout = new SocketTimeoutException(why);
        timeout.initCause(e);
        return timeout;
    }

    private final class GuardedInput extends InputStream {
        private final InputStream delegate;

        GuardedInput(InputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            readingSince = now();
            try {
                return delegate.read();
            } catch (IOException e) {
                throw translated(e);
            } finally {
                readingSince = 0;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            readingSince = now();
            try {
                return delegate.read(b, off, len);
            } catch (IOException e) {
                throw translated(e);
            } finally {
                readingSince = 0;
            }
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void close() throws IOException {
            GuardedSocket.this.close();
        }
    }

    private final class GuardedOutput extends OutputStream {
        private final OutputStream delegate;

        GuardedOutput(OutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            writingSince = now();
            try {
                delegate.write(b);
            } catch (IOException e) {
                throw translated(e);
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writingSince = now();
            try {
                delegate.write(b, off, len);
            } catch (IOException e) {
                throw translated(e);
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            GuardedSocket.this.close();
        }
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        socket.connect(endpoint, timeout);
        try {
            in = new GuardedInput(socket.getInputStream());
            out = new GuardedOutput(socket.getOutputStream());
            guard.opened(this);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        socket.bind(bindpoint);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (in == null) {
            throw new SocketException("Socket is not connected");
        }
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (out == null) {
            throw new SocketException("Socket is not connected");
        }
        return out;
    }

    /** None: reads and writes must go through the guarded streams. */
    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void close() throws IOException {
        guard.closed(this);
        socket.close();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        socket.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        socket.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return socket.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        socket.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return socket.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        socket.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return socket.getReuseAddress();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        socket.setPerformancePreferences(connectionTime, latency, bandwidth);
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        socket.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return socket.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return socket.supportedOptions();
    }

    @Override
    public String toString() {
        return "GuardedSocket[" + socket + "]";
    }
}
