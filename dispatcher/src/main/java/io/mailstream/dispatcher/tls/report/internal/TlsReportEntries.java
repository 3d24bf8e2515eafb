package io.mailstream.dispatcher.tls.report.internal;

import io.mailstream.avro.TlsFailureCount;
import io.mailstream.avro.TlsReportEntry;
import io.mailstream.avro.TlsReportEntryKind;
import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.dispatcher.tls.report.ReportedPolicy;
import io.mailstream.dispatcher.tls.report.TlsDayCounts;
import io.mailstream.dispatcher.tls.report.TlsReport;
import io.mailstream.schemas.address.Domain;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Maps counts and sent marks to and from the {@link TlsReportEntry} records of {@code mail.tls-reports}. */
public final class TlsReportEntries {
    private TlsReportEntries() {
    }

    /** {@code <policy domain>|<day>}: the entries of one report share a key, hence a partition and an order. */
    public static String key(Domain policyDomain, LocalDate day) {
        return policyDomain.asString() + "|" + day;
    }

    public static TlsReportEntry counts(TlsDayCounts c, String writer, Instant now) {
        return TlsReportEntry.newBuilder().setKind(TlsReportEntryKind.COUNTS).setPolicyDomain(c.policyDomain().asString())
                .setDay(c.day().toString()).setWriter(writer).setPolicyType(c.policy().type())
                .setPolicyStrings(c.policy().policyString()).setMxHosts(c.policy().mxHost()).setSuccesses(c.successes())
                .setFailures(c.failures().stream().map(f -> TlsFailureCount.newBuilder().setResultType(f.type().reportName())
                        .setReceivingMx(f.receivingMx().orElse(null)).setReceivingIp(f.receivingIp().orElse(null))
                        .setSessions(f.sessions()).build()).toList())
                .setNote(null).setWrittenAt(now).build();
    }

    public static TlsReportEntry sent(Domain policyDomain, LocalDate day, String note, Instant now) {
        return TlsReportEntry.newBuilder().setKind(TlsReportEntryKind.SENT).setPolicyDomain(policyDomain.asString())
                .setDay(day.toString()).setWriter("tlsrpt send").setPolicyType("sts").setPolicyStrings(List.of())
                .setMxHosts(List.of()).setSuccesses(0).setFailures(List.of()).setNote(note).setWrittenAt(now).build();
    }

    /** @throws IllegalArgumentException for a domain, day or result type this version does not know */
    public static TlsDayCounts toCounts(TlsReportEntry e) {
        return new TlsDayCounts(Domain.of(e.getPolicyDomain()), LocalDate.parse(e.getDay()),
                new ReportedPolicy(e.getPolicyType(), e.getPolicyStrings(), e.getMxHosts()), e.getSuccesses(),
                e.getFailures().stream().map(f -> new TlsReport.Failure(resultType(f.getResultType()),
                        Optional.ofNullable(f.getReceivingMx()), Optional.ofNullable(f.getReceivingIp()), f.getSessions())).toList());
    }

    private static TlsResultType resultType(String name) {
        return Arrays.stream(TlsResultType.values()).filter(t -> t.reportName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TLS-RPT result-type '" + name + "'"));
    }
}
