package io.mailstream.dispatcher.tls.report;

import io.mailstream.schemas.address.Domain;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The sessions counted for one policy domain, UTC day and policy: what a dispatcher flushes to
 * {@code mail.tls-reports} and what {@code tlsrpt send} sums.
 *
 * @param failures one entry per result type, MX host and address
 */
public record TlsDayCounts(Domain policyDomain, LocalDate day, ReportedPolicy policy, long successes,
                           List<TlsReport.Failure> failures) {
    public TlsDayCounts {
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(policy, "policy");
        if (successes < 0) {
            throw new IllegalArgumentException("successes must not be negative, was " + successes);
        }
        failures = List.copyOf(failures);
    }

    public boolean isEmpty() {
        return successes == 0 && failures.stream().allMatch(f -> f.sessions() == 0);
    }
}
