package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.mtasts.MtaStsPolicy;
import java.util.List;
import java.util.Objects;

/**
 * The policy a TLS-RPT report is about (RFC 8460 §4.4 {@code policy}): its type, its text as lines
 * and the MX patterns it names.
 *
 * @param type         {@code sts}, {@code tlsa} or {@code no-policy-found}
 * @param policyString the policy's lines ({@code version: STSv1}, {@code mode: testing}, ...)
 * @param mxHost       the MX host patterns of an STS policy
 */
public record ReportedPolicy(String type, List<String> policyString, List<String> mxHost) {
    public ReportedPolicy {
        Objects.requireNonNull(type, "type");
        policyString = List.copyOf(policyString);
        mxHost = List.copyOf(mxHost);
    }

    public static ReportedPolicy of(MtaStsPolicy p) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("version: STSv1");
        lines.add("mode: " + p.mode().name().toLowerCase(java.util.Locale.ROOT));
        p.mx().forEach(mx -> lines.add("mx: " + mx));
        lines.add("max_age: " + p.maxAge().toSeconds());
        return new ReportedPolicy("sts", lines, p.mx());
    }
}
