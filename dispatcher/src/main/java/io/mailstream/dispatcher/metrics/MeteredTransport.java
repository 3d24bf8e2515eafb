package io.mailstream.dispatcher.metrics;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MailTransport} that measures the one it wraps: each SMTP transaction's latency
 * ({@value DispatcherMetrics#SMTP_TRANSACTION}, a histogram by domain group and result) and the
 * reply it ended with ({@value DispatcherMetrics#SMTP_REPLIES} by reply class and code; transactions
 * that got no reply at all count as class and code {@code none}). As thread-safe as the delegate.
 */
final class MeteredTransport implements MailTransport {
    private final MailTransport delegate;
    private final MeterRegistry registry;
    private final DomainGroups groups;
    // Bounded: domain groups are capped by DomainGroups, reply codes are 200..599.
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> replies = new ConcurrentHashMap<>();
    private static final int NO_REPLY = 0;

    MeteredTransport(MailTransport delegate, MeterRegistry registry, DomainGroups groups) {
        this.delegate = delegate;
        this.registry = registry;
        this.groups = groups;
    }

    @Override
    public DeliveryOutcome send(RenderedMessage message) {
        long start = System.nanoTime();
        DeliveryOutcome outcome = delegate.send(message);
        long elapsed = System.nanoTime() - start;
        String group = groups.of(message.recipient() == null ? null : message.recipient().domain().asString());
        // Looked up once per (group, result) and per reply code: building a meter id per message showed in profiles.
        timers.computeIfAbsent(group + '|' + outcome.kind(), k -> Timer.builder(DispatcherMetrics.SMTP_TRANSACTION)
                        .description("SMTP transactions: connect (if needed) to the end of DATA")
                        .tag("domain_group", group)
                        .tag("result", outcome.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .publishPercentileHistogram()
                        .register(registry))
                .record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
        replies.computeIfAbsent(outcome.reply().map(SmtpReply::code).orElse(NO_REPLY), code -> replyCounter(outcome.reply()))
                .increment();
        return outcome;
    }

    private Counter replyCounter(Optional<SmtpReply> reply) {
        // Codes are three digits the server chose, 200..599 by SmtpReply's own check: at most 400 series.
        String code = reply.map(r -> Integer.toString(r.code())).orElse("none");
        String codeClass = reply.map(r -> (r.code() / 100) + "xx").orElse("none");
        return Counter.builder(DispatcherMetrics.SMTP_REPLIES)
                .description("SMTP transactions by the reply that ended them")
                .tag("code_class", codeClass)
                .tag("code", code)
                .register(registry);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
