package io.mailstream.bounces;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Why a message did not reach (or did reach) a recipient, in the vocabulary of Sisimai's reason
 * names so that reports, suppressions and dashboards speak the language deliverability engineers
 * already know. The reason is derived from the RFC 3463 enhanced status code, the SMTP reply code
 * and the diagnostic text together (see {@code io.mailstream.bounces.classify}).
 */
public enum BounceReason {
    USER_UNKNOWN("userunknown"),
    HOST_UNKNOWN("hostunknown"),
    HAS_MOVED("hasmoved"),
    NOT_ACCEPT("notaccept"),
    MAILBOX_FULL("mailboxfull"),
    SYSTEM_FULL("systemfull"),
    MESG_TOO_BIG("mesgtoobig"),
    EXCEED_LIMIT("exceedlimit"),
    SUSPEND("suspend"),
    FILTERED("filtered"),
    REJECTED("rejected"),
    BLOCKED("blocked"),
    BAD_REPUTATION("badreputation"),
    REQUIRE_PTR("requireptr"),
    AUTH_FAILURE("authfailure"),
    NOT_COMPLIANT_RFC("notcompliantrfc"),
    POLICY_VIOLATION("policyviolation"),
    SPAM_DETECTED("spamdetected"),
    VIRUS_DETECTED("virusdetected"),
    CONTENT_ERROR("contenterror"),
    SECURITY_ERROR("securityerror"),
    FAILED_STARTTLS("failedstarttls"),
    NO_RELAYING("norelaying"),
    SPEEDING("speeding"),
    TOO_MANY_CONN("toomanyconn"),
    SYNTAX_ERROR("syntaxerror"),
    SYSTEM_ERROR("systemerror"),
    NETWORK_ERROR("networkerror"),
    MAILER_ERROR("mailererror"),
    SUPPRESSED("suppressed"),
    EXPIRED("expired"),
    ONHOLD("onhold"),
    UNDEFINED("undefined"),
    /** An ARF complaint (RFC 5965): not a bounce, but suppresses like one. */
    FEEDBACK("feedback"),
    /** An automatic reply (RFC 3834): the mailbox exists; not a bounce. */
    VACATION("vacation"),
    /** A positive DSN ({@code Action: delivered/relayed/expanded}, status 2.x.x): not a bounce. */
    DELIVERED("delivered");

    private static final Map<String, BounceReason> BY_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(BounceReason::sisimaiName, Function.identity()));

    private final String sisimaiName;

    BounceReason(String sisimaiName) {
        this.sisimaiName = sisimaiName;
    }

    /** The lower-case name Sisimai uses for this reason, e.g. {@code userunknown}. */
    public String sisimaiName() {
        return sisimaiName;
    }

    /** Whether a recipient with this reason failed delivery (false for feedback, vacation, delivered). */
    public boolean isBounce() {
        return this != FEEDBACK && this != VACATION && this != DELIVERED;
    }

    public static Optional<BounceReason> fromSisimaiName(String name) {
        return name == null ? Optional.empty()
                : Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }
}
