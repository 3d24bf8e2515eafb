package io.mailstream.bounces.topology;

import io.mailstream.bounces.RecipientReport;

/**
 * What a received DSN's per-recipient fields said (RFC 3464 §2.3.4 Status, §2.3.6 Diagnostic-Code), kept for
 * {@code mail.received-bounces}; either may be null when the report did not give it.
 */
record DsnDetail(String status, String diagnostic) {
    static DsnDetail of(RecipientReport r) {
        String diagnostic = r.diagnostic().isBlank() ? null : r.diagnostic();
        return new DsnDetail(r.status().map(s -> s.asString()).orElse(null), diagnostic);
    }
}
