package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.DeliveryStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.mailstream.bounces.BounceReason.*;

/**
 * The reason an enhanced status code names on its own (RFC 3463 §3 and the IANA registry of
 * enhanced status codes). Codes whose meaning depends on the text (x.0.0, 4.3.0, 4.7.0 ...) are
 * absent on purpose: the diagnostic decides them.
 */
final class StatusCodeReasons {
    private static final Map<String, BounceReason> TABLE = new HashMap<>();

    static {
        put(DELIVERED, "2.1.5");
        // transient (class 4)
        put(HAS_MOVED, "4.1.6");
        put(REJECTED, "4.1.7", "4.1.8");
        put(SYSTEM_ERROR, "4.1.9", "4.3.3", "4.3.5", "4.4.3", "4.5.3", "4.5.5");
        // X.2.1 is "mailbox disabled, not accepting messages" (RFC 3463 §3.3) in either class; Sisimai's SMTP::Status
        // reads 4.2.1 as suspend too. A per-mailbox rate limit said under it stays speeding (ReasonClassifier)
        put(SUSPEND, "4.2.1");
        put(BLOCKED, "4.7.1", "4.7.2");
        put(MAILBOX_FULL, "4.2.2");
        put(EXCEED_LIMIT, "4.2.3");
        put(FILTERED, "4.2.4");
        put(SYSTEM_FULL, "4.3.1", "4.4.5");
        put(NOT_ACCEPT, "4.3.2");
        put(EXPIRED, "4.4.1", "4.4.7");
        put(NETWORK_ERROR, "4.4.2", "4.4.4", "4.4.6", "4.4.8");
        put(CONTENT_ERROR, "4.6.0", "4.6.2", "4.6.5");
        put(SECURITY_ERROR, "4.7.5", "4.7.6", "4.7.7", "4.7.12", "4.7.15");
        put(MESG_TOO_BIG, "4.7.16");
        put(AUTH_FAILURE, "4.7.24", "4.7.26");
        put(REQUIRE_PTR, "4.7.25");
        // permanent (class 5)
        // 5.1.10 is also RFC 7505's null MX, but Microsoft uses it for "recipient not found"
        // (RESOLVER.ADR.RecipientNotFound); a null MX says so in the text (notaccept preempts)
        put(USER_UNKNOWN, "5.1.0", "5.1.1", "5.1.3", "5.1.10");
        put(HOST_UNKNOWN, "5.1.2", "5.4.4");
        // Exchange Online's own detail: "5.4.310 DNS domain <domain> does not exist" (Microsoft Learn,
        // "Fix NDR error 5.4.310 in Exchange Online"); 5.4.312 / 5.4.316 are left to their texts
        put(HOST_UNKNOWN, "5.4.310");
        put(FILTERED, "5.1.4", "5.2.0", "5.2.4");
        put(SUSPEND, "5.2.1"); // RFC 3463 X.2.1: mailbox disabled, not accepting messages
        put(HAS_MOVED, "5.1.6", "5.7.17", "5.7.18");
        put(REJECTED, "5.1.7", "5.1.8");
        put(SYSTEM_ERROR, "5.1.9", "5.3.0", "5.3.3", "5.3.5", "5.4.3", "5.5.4", "5.5.5");
        put(NOT_ACCEPT, "5.3.2", "5.7.27");
        put(MAILBOX_FULL, "5.2.2");
        put(EXCEED_LIMIT, "5.2.3");
        put(SYSTEM_FULL, "5.3.1");
        put(MESG_TOO_BIG, "5.3.4", "5.7.16");
        put(NETWORK_ERROR, "5.4.0", "5.4.6");
        put(SYNTAX_ERROR, "5.5.2", "5.5.6");
        put(TOO_MANY_CONN, "5.5.3");
        put(CONTENT_ERROR, "5.6.0", "5.6.1", "5.6.2", "5.6.3", "5.6.5", "5.6.6", "5.6.7", "5.6.8", "5.6.9");
        put(SECURITY_ERROR, "5.7.0", "5.7.1", "5.7.2", "5.7.3", "5.7.4", "5.7.5", "5.7.6", "5.7.7", "5.7.8",
                "5.7.9", "5.7.10", "5.7.11", "5.7.14", "5.7.15", "5.7.19");
        put(SUSPEND, "5.7.13");
        put(AUTH_FAILURE, "5.7.20", "5.7.21", "5.7.22", "5.7.23", "5.7.24", "5.7.26", "5.7.29");
        put(REQUIRE_PTR, "5.7.25");
        put(SPAM_DETECTED, "5.7.28");
        put(FAILED_STARTTLS, "5.7.30");
    }

    private StatusCodeReasons() {
    }

    private static void put(BounceReason reason, String... codes) {
        for (String code : codes) {
            TABLE.put(code, reason);
        }
    }

    static Optional<BounceReason> reasonOf(DeliveryStatus status) {
        return Optional.ofNullable(TABLE.get(status.asString()));
    }
}
