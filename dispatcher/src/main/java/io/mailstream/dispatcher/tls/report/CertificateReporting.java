package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.mtasts.MtaStsPolicy;
import io.mailstream.dispatcher.tls.CertificateCheck;
import io.mailstream.dispatcher.tls.TlsReporting;
import io.mailstream.schemas.address.Domain;
import java.util.Objects;

/**
 * How sessions to MTA-STS domains are reported (RFC 8460): in testing mode (RFC 8461 §5) MX
 * certificates are judged by {@code check} and accepted; in enforce mode the JDK's checks decide
 * and {@code check} names the failure. Every session's verdict goes to {@code sink}.
 */
public record CertificateReporting(CertificateCheck check, TlsResultSink sink) {
    public CertificateReporting {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(sink, "sink");
    }

    /** The reporting of sessions to {@code domain}'s MX hosts under its policy {@code p}. */
    public TlsReporting forPolicy(Domain domain, MtaStsPolicy p) {
        return new TlsReporting(domain, ReportedPolicy.of(p), check, sink);
    }
}
