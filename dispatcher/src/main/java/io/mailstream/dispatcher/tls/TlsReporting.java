package io.mailstream.dispatcher.tls;

import io.mailstream.dispatcher.tls.report.ReportedPolicy;
import io.mailstream.dispatcher.tls.report.TlsResultSink;
import io.mailstream.schemas.address.Domain;
import java.util.Objects;

/**
 * Report, do not enforce: the MX certificate of an opportunistic session is judged as an enforced
 * MTA-STS policy would judge it, and the verdict goes to {@code sink} (RFC 8461 §5 testing mode,
 * RFC 8460 reporting). Part of a route's {@link TlsSettings}, so sessions of different policy
 * domains never share a connection whose result would be counted for the wrong one.
 */
public record TlsReporting(Domain policyDomain, ReportedPolicy policy, CertificateCheck check, TlsResultSink sink) {
    public TlsReporting {
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(sink, "sink");
    }
}
