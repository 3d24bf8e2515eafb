package io.mailstream.cli.bench;

import io.mailstream.embedded.smtp.SmtpSink;
import java.util.Optional;

/**
 * Where {@code bench delivery} sends: the embedded sink (which counts what it accepted and the
 * transactions in flight), or an external receiver named with {@code --smtp HOST:PORT}, e.g.
 * Postfix's {@code smtp-sink}, which counts nothing we can read.
 */
record BenchReceiver(String host, int port, Optional<SmtpSink> sink) {
    static BenchReceiver embedded(SmtpSink sink, String host, int port) {
        return new BenchReceiver(host, port, Optional.of(sink));
    }

    /** {@code HOST:PORT}, e.g. {@code 127.0.0.1:25025}. */
    static BenchReceiver external(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--smtp must be HOST:PORT, e.g. 127.0.0.1:25025, was '" + hostPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--smtp port must be a number, was '" + hostPort.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--smtp port must be in 1..65535, was " + port);
        }
        return new BenchReceiver(hostPort.substring(0, colon), port, Optional.empty());
    }

    boolean isEmbedded() {
        return sink.isPresent();
    }

    /** Messages the embedded sink accepted; -1 for an external receiver. */
    long accepted() {
        return sink.map(SmtpSink::count).orElse(-1L);
    }

    int transactionsInFlight() {
        return sink.map(SmtpSink::transactionsInFlight).orElse(0);
    }

    void reset() {
        sink.ifPresent(SmtpSink::reset);
    }

    @Override
    public String toString() {
        return host + ":" + port + (isEmbedded() ? " (embedded sink)" : "");
    }
}
