package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * Whether a dispatcher counts TLS sessions for TLS-RPT (RFC 8460) and how often it writes the counts
 * to {@code mail.tls-reports}, where {@code mailstream tlsrpt send} sums them into reports.
 *
 * @param enabled       {@code tls-rpt.enabled}: count sessions to MTA-STS domains (DIRECT_MX mode only)
 * @param flushInterval {@code tls-rpt.flush-interval}: how often the counts are written (also at shutdown);
 *                      a crash loses at most this long's counts
 */
public record TlsRptSettings(boolean enabled, Duration flushInterval) {
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMinutes(1);

    public TlsRptSettings {
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new InvalidConfigException("tls-rpt.flush-interval", "must be a positive duration, was " + flushInterval);
        }
    }

    public static TlsRptSettings disabled() {
        return new TlsRptSettings(false, DEFAULT_FLUSH_INTERVAL);
    }

    public static TlsRptSettings enabled(Duration flushInterval) {
        return new TlsRptSettings(true, flushInterval);
    }
}
