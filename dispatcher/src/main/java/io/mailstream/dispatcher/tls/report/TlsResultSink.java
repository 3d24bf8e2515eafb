package io.mailstream.dispatcher.tls.report;

/** Where TLS session results go to be counted for TLS-RPT (RFC 8460). Thread-safe; must not block. */
@FunctionalInterface
public interface TlsResultSink {
    TlsResultSink NONE = result -> { };

    void record(TlsSessionResult result);
}
