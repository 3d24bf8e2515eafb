package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.mtasts.MtaStsPolicy;
import io.mailstream.dispatcher.tls.CertificateCheck;
import io.mailstream.dispatcher.tls.TlsReporting;
import io.mailstream.schemas.address.Domain;
import java.util.Objects;

/**
 * How MTA-STS testing mode reports (RFC 8461 §5, RFC 8460): MX certificates are judged by
 * {@code check} and every session's verdict goes to {@code sink}.
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
