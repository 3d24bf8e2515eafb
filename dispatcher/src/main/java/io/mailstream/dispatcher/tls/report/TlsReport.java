package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.schemas.address.Domain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * One day's TLS-RPT report for one policy domain (RFC 8460 §4): how many sessions succeeded and
 * which failed how. {@link #toJson()} is the report body, {@link #gzipped()} what is submitted.
 *
 * @param organization the submitting organisation ({@code organization-name})
 * @param contact      how to reach its operators ({@code contact-info})
 * @param reportId     unique per report ({@code report-id})
 * @param day          the UTC day it covers, 00:00:00Z to 23:59:59Z
 * @param policyDomain the domain it is about
 * @param policy       the policy that applied
 * @param successes    {@code total-successful-session-count}
 * @param failures     the failure details, one per result type, MX host and address
 */
public record TlsReport(String organization, String contact, String reportId, LocalDate day, Domain policyDomain,
                        ReportedPolicy policy, long successes, List<Failure> failures) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    /** A {@code failure-details} entry. */
    public record Failure(TlsResultType type, Optional<String> receivingMx, Optional<String> receivingIp, long sessions) {
        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(receivingMx, "receivingMx");
            Objects.requireNonNull(receivingIp, "receivingIp");
        }
    }

    public TlsReport {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(policyDomain, "policyDomain");
        failures = List.copyOf(failures);
    }

    public long failedSessions() {
        return failures.stream().mapToLong(Failure::sessions).sum();
    }

    /** §5.3: {@code <submitter>!<policy-domain>!<begin-timestamp>!<end-timestamp>[!<unique-id>].json.gz}. */
    public String fileName(String submitter) {
        long begin = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return submitter + "!" + policyDomain.asString() + "!" + begin + "!" + (begin + 86_399) + ".json.gz";
    }

    /** The report as RFC 8460 §4.4 lays it out. */
    public String toJson() {
        StringBuilder j = new StringBuilder("{");
        field(j, "organization-name", organization).append(',');
        j.append("\"date-range\":{");
        field(j, "start-datetime", TIME.format(day.atStartOfDay(ZoneOffset.UTC).toInstant())).append(',');
        field(j, "end-datetime", TIME.format(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1))).append("},");
        field(j, "contact-info", contact).append(',');
        field(j, "report-id", reportId).append(',');
        j.append("\"policies\":[{\"policy\":{");
        field(j, "policy-type", policy.type()).append(',');
        strings(j, "policy-string", policy.policyString()).append(',');
        field(j, "policy-domain", policyDomain.asString());
        if (!policy.mxHost().isEmpty()) {
            strings(j.append(','), "mx-host", policy.mxHost());
        }
        j.append("},\"summary\":{\"total-successful-session-count\":").append(successes)
                .append(",\"total-failure-session-count\":").append(failedSessions()).append('}');
        if (!failures.isEmpty()) {
            j.append(",\"failure-details\":[");
            for (int i = 0; i < failures.size(); i++) {
                Failure f = failures.get(i);
                j.append(i == 0 ? "{" : ",{");
                field(j, "result-type", f.type().reportName());
                f.receivingIp().ifPresent(ip -> field(j.append(','), "receiving-ip", ip));
                f.receivingMx().ifPresent(mx -> field(j.append(','), "receiving-mx-hostname", mx));
                j.append(",\"failed-session-count\":").append(f.sessions()).append('}');
            }
            j.append(']');
        }
        return j.append("}]}").toString();
    }

    /** §5.3: the body submitted, {@code application/tlsrpt+gzip}. */
    public byte[] gzipped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return out.toByteArray();
    }

    private static StringBuilder field(StringBuilder j, String name, String value) {
        return quote(quote(j, name).append(':'), value);
    }

    private static StringBuilder strings(StringBuilder j, String name, List<String> values) {
        quote(j, name).append(":[");
        for (int i = 0; i < values.size(); i++) {
            quote(i == 0 ? j : j.append(','), values.get(i));
        }
        return j.append(']');
    }

    private static StringBuilder quote(StringBuilder j, String s) {
        j.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        j.append(String.format("\\u%04x", (int) c));
                    } else {
                        j.append(c);
                    }
                }
            }
        }
        return j.append('"');
    }
}
