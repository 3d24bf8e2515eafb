package io.mailstream.console.state;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The running counts of one destination domain; guarded by {@link PipelineState}. */
final class DomainEntry {
    /** Distinct reply texts kept per kind: a receiver that varies its text must not grow the map without end. */
    private static final int MAX_REASONS = 50;
    /** Distinct MX hosts kept: a domain has a handful; a route override to rotating addresses must not grow without end. */
    static final int MAX_HOSTS = 8;

    final String domain;
    final String provider;
    long delivered;
    long deferred;
    long bounced;
    String lastReply;
    Instant lastReplyAt;
    private final Map<String, Long> deferrals = new HashMap<>();
    private final Map<String, Long> bounces = new HashMap<>();
    /** The hosts its mail was handed to ({@code remoteHost}), latest first. */
    private final java.util.LinkedList<String> hosts = new java.util.LinkedList<>();

    DomainEntry(String domain, String provider) {
        this.domain = domain;
        this.provider = provider;
    }

    void accept(DeliveryEvent e) {
        Outcome outcome = e.getOutcome();
        switch (outcome) {
            case DELIVERED -> delivered++;
            case DEFERRED -> {
                deferred++;
                bump(deferrals, reason(e));
            }
            case BOUNCED, EXPIRED -> {
                bounced++;
                bump(bounces, reason(e));
            }
            default -> {
                return; // suppressed, rejected, cancelled: no receiver spoke
            }
        }
        if (e.getSmtpReplyCode() != null) {
            lastReply = reason(e);
            lastReplyAt = e.getTimestamp();
        }
        if (e.getRemoteHost() != null && !e.getRemoteHost().isBlank()) {
            remember(DestinationNames.host(e.getRemoteHost()));
        }
    }

    private void remember(String host) {
        if (!host.equals(hosts.peekFirst())) {
            hosts.remove(host);
            hosts.addFirst(host);
            if (hosts.size() > MAX_HOSTS) {
                hosts.removeLast();
            }
        }
    }

    List<String> hosts() {
        return List.copyOf(hosts);
    }

    private static String reason(DeliveryEvent e) {
        StringBuilder b = new StringBuilder();
        if (e.getSmtpReplyCode() != null) {
            b.append(e.getSmtpReplyCode()).append(' ');
        }
        // many receivers repeat the enhanced code at the start of their text: show it once
        if (e.getEnhancedStatusCode() != null && (e.getReplyText() == null || !e.getReplyText().startsWith(e.getEnhancedStatusCode()))) {
            b.append(e.getEnhancedStatusCode()).append(' ');
        }
        if (e.getReplyText() != null) {
            b.append(e.getReplyText());
        }
        String s = b.toString().strip();
        return s.isEmpty() ? e.getOutcome().name().toLowerCase(java.util.Locale.ROOT) : s;
    }

    private static void bump(Map<String, Long> counts, String reason) {
        if (counts.size() < MAX_REASONS || counts.containsKey(reason)) {
            counts.merge(reason, 1L, Long::sum);
        } else {
            counts.merge("(other replies)", 1L, Long::sum);
        }
    }

    List<DomainRow.ReasonCount> topDeferrals() {
        return top(deferrals);
    }

    List<DomainRow.ReasonCount> topBounces() {
        return top(bounces);
    }

    private static List<DomainRow.ReasonCount> top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(en -> new DomainRow.ReasonCount(en.getKey(), en.getValue())).toList();
    }
}
