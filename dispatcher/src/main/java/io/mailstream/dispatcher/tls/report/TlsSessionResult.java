package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.schemas.address.Domain;
import java.util.Objects;
import java.util.Optional;

/**
 * One TLS session (or policy lookup) towards a policy domain, as TLS-RPT counts them (RFC 8460 §4.4).
 *
 * @param policyDomain the recipient domain whose policy applied
 * @param policy       that policy
 * @param receivingMx  the MX host name the session went to (empty for a policy fetch failure)
 * @param receivingIp  its address, when known
 * @param failure      empty for a successful session
 */
public record TlsSessionResult(Domain policyDomain, ReportedPolicy policy, Optional<String> receivingMx,
                               Optional<String> receivingIp, Optional<TlsResultType> failure) {
    public TlsSessionResult {
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(receivingMx, "receivingMx");
        Objects.requireNonNull(receivingIp, "receivingIp");
        Objects.requireNonNull(failure, "failure");
    }
}
