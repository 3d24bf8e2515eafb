package io.mailstream.bounces.metrics;

import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.BounceKind;
import io.mailstream.bounces.receive.ReceiverObserver;
import io.mailstream.bounces.topology.FailureKind;
import io.mailstream.bounces.topology.NotApplied;
import io.mailstream.bounces.topology.RecipientFailure;
import io.mailstream.bounces.topology.TopologyCounters;
import io.mailstream.bounces.topology.TopologyObserver;
import io.mailstream.schemas.verp.VerpCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * The bounce processor's meters. Labels are bounded by construction: bounce kinds and suppression
 * sources are enums, reasons are the classifier's fixed Sisimai reason names, sources are two.
 * Prometheus shows {@code mailstream.bounces} as {@code mailstream_bounces_total}, and so on.
 */
public final class BounceMetrics implements TopologyObserver, ReceiverObserver {
    public static final String RECEIVED = "mailstream.bounces.received";
    public static final String BOUNCES = "mailstream.bounces";
    public static final String COMPLAINTS = "mailstream.complaints";
    public static final String SUPPRESSIONS = "mailstream.suppressions.written";
    public static final String CORRUPT = "mailstream.bounces.corrupt.records";
    public static final String NOT_APPLIED = "mailstream.bounces.not.applied";
    public static final String RCPT_REFUSED = "mailstream.bounce.recipients.refused";
    public static final String CLIENTS_LIMITED = "mailstream.bounce.clients.limited";
    public static final String PENDING = "mailstream.bounces.pending.reports";

    private final MeterRegistry registry;

    public BounceMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Also exposes the counters the topology keeps anyway (records that did not decode). */
    public void bindCounters(TopologyCounters counters) {
        FunctionCounter.builder(CORRUPT, counters, TopologyCounters::corruptRecords)
                .description("Records of mail.bounces.raw or mail.delivery-events that did not decode (sent to mail.dead-letter)")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder(PENDING, counters, TopologyCounters::pendingReports)
                .description("Received reports waiting for the delivery event of their message (held up to topology.pendingReportHold)")
                .register(registry);
    }

    @Override
    public void bounceReceived(BounceKind kind) {
        Counter.builder(RECEIVED).description("Raw messages read from mail.bounces.raw, by what they turned out to be")
                .tag("kind", lower(kind.name())).register(registry).increment();
    }

    @Override
    public void recipientFailed(RecipientFailure failure, boolean fromDeliveryEvent) {
        Counter.builder(BOUNCES).description("Recipient failures, by kind (hard, soft, complaint), reason and where we learnt it")
                .tag("kind", lower(failure.kind().name()))
                .tag("reason", failure.reason())
                .tag("source", fromDeliveryEvent ? "delivery_event" : "bounce_message")
                .register(registry).increment();
        if (failure.kind() == FailureKind.COMPLAINT) {
            Counter.builder(COMPLAINTS).description("Abuse complaints (RFC 5965 feedback reports)").register(registry).increment();
        }
    }

    @Override
    public void failureNotApplied(NotApplied why) {
        Counter.builder(NOT_APPLIED).description("Failures named in received reports that suppressed nobody: unsigned, unknown message, another recipient")
                .tag("reason", lower(why.name())).register(registry).increment();
    }

    @Override
    public void recipientRefused(VerpCheck.Reason reason) {
        Counter.builder(RCPT_REFUSED).description("RCPT TO refused by the bounce receiver with 550: not_verp, unsigned, unknown_key, bad_signature")
                .tag("reason", lower(reason.name())).register(registry).increment();
    }

    @Override
    public void clientLimited(ClientLimit limit) {
        Counter.builder(CLIENTS_LIMITED).description("Clients turned away by the bounce receiver: connections (421), messages (451)")
                .tag("limit", lower(limit.name())).register(registry).increment();
    }

    @Override
    public void suppressionWritten(SuppressionSource source) {
        Counter.builder(SUPPRESSIONS).description("Suppressions written to mail.suppressions, by source")
                .tag("source", lower(source.name())).register(registry).increment();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
