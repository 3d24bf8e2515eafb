package io.mailstream.dispatcher.outcome;

import io.mailstream.avro.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one message: a value returned by rendering, suppression and SMTP code, never an
 * exception. SMTP outcomes follow the reply class (RFC 5321 §4.2.1): 2xx {@link Delivered}, 4xx
 * {@link Deferred}, 5xx {@link Bounced}; the others are decided by the dispatcher before any SMTP.
 */
public sealed interface DeliveryOutcome {

    /** The Avro enum written to {@code mail.delivery-events}. */
    Outcome kind();

    /** The server's reply text, or our reason. */
    String description();

    default Optional<SmtpReply> reply() {
        return Optional.empty();
    }

    default Optional<String> remoteHost() {
        return Optional.empty();
    }

    /**
     * Which TLS policy governed the SMTP attempt (an MTA-STS policy, a route override, the configured
     * default), for {@code DeliveryEvent.tlsPolicy}; empty for outcomes decided before routing.
     */
    default Optional<String> tlsPolicy() {
        return Optional.empty();
    }

    /** This outcome noting {@code policy}; outcomes decided before any SMTP stay as they are. */
    default DeliveryOutcome withTlsPolicy(String policy) {
        return this;
    }

    /** The source IP and EHLO name of the SMTP attempt; empty for outcomes decided before any SMTP. */
    default Optional<SendingIdentity> sentFrom() {
        return Optional.empty();
    }

    /** This outcome noting the source IP and EHLO name it was sent with; outcomes decided before any SMTP stay as they are. */
    default DeliveryOutcome withSentFrom(SendingIdentity identity) {
        return this;
    }

    /** The server accepted the message (2xx after DATA). */
    record Delivered(SmtpReply smtpReply, String host, Optional<String> tlsPolicy, Optional<SendingIdentity> sentFrom)
            implements DeliveryOutcome {
        public Delivered {
            Objects.requireNonNull(smtpReply, "smtpReply");
            Objects.requireNonNull(tlsPolicy, "tlsPolicy");
            Objects.requireNonNull(sentFrom, "sentFrom");
        }

        public Delivered(SmtpReply smtpReply, String host, Optional<String> tlsPolicy) {
            this(smtpReply, host, tlsPolicy, Optional.empty());
        }

        public Delivered(SmtpReply smtpReply, String host) {
            this(smtpReply, host, Optional.empty());
        }

        @Override
        public Delivered withTlsPolicy(String policy) {
            return new Delivered(smtpReply, host, Optional.of(policy), sentFrom);
        }

        @Override
        public Delivered withSentFrom(SendingIdentity identity) {
            return new Delivered(smtpReply, host, tlsPolicy, Optional.of(identity));
        }

        @Override
        public Outcome kind() {
            return Outcome.DELIVERED;
        }

        @Override
        public String description() {
            return smtpReply.text();
        }

        @Override
        public Optional<SmtpReply> reply() {
            return Optional.of(smtpReply);
        }

        @Override
        public Optional<String> remoteHost() {
            return Optional.ofNullable(host);
        }
    }

    /** Try again later: a 4xx reply, or no reply at all (connection refused, timeout, dropped connection). */
    record Deferred(Optional<SmtpReply> smtpReply, String reason, String host, Optional<String> tlsPolicy,
                    Optional<SendingIdentity> sentFrom) implements DeliveryOutcome {
        public Deferred {
            Objects.requireNonNull(smtpReply, "smtpReply");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(tlsPolicy, "tlsPolicy");
            Objects.requireNonNull(sentFrom, "sentFrom");
        }

        public Deferred(Optional<SmtpReply> smtpReply, String reason, String host, Optional<String> tlsPolicy) {
            this(smtpReply, reason, host, tlsPolicy, Optional.empty());
        }

        public Deferred(Optional<SmtpReply> smtpReply, String reason, String host) {
            this(smtpReply, reason, host, Optional.empty());
        }

        @Override
        public Deferred withTlsPolicy(String policy) {
            return new Deferred(smtpReply, reason, host, Optional.of(policy), sentFrom);
        }

        @Override
        public Deferred withSentFrom(SendingIdentity identity) {
            return new Deferred(smtpReply, reason, host, tlsPolicy, Optional.of(identity));
        }

        public static Deferred byReply(SmtpReply reply, String host) {
            return new Deferred(Optional.of(reply), reply.text(), host);
        }

        public static Deferred noReply(String reason, String host) {
            return new Deferred(Optional.empty(), reason, host);
        }

        @Override
        public Outcome kind() {
            return Outcome.DEFERRED;
        }

        @Override
        public String description() {
            return reason;
        }

        @Override
        public Optional<SmtpReply> reply() {
            return smtpReply;
        }

        @Override
        public Optional<String> remoteHost() {
            return Optional.ofNullable(host);
        }
    }

    /** The server refused the message for good (5xx). */
    record Bounced(SmtpReply smtpReply, String host, Optional<String> tlsPolicy, Optional<SendingIdentity> sentFrom)
            implements DeliveryOutcome {
        public Bounced {
            Objects.requireNonNull(smtpReply, "smtpReply");
            Objects.requireNonNull(tlsPolicy, "tlsPolicy");
            Objects.requireNonNull(sentFrom, "sentFrom");
        }

        public Bounced(SmtpReply smtpReply, String host, Optional<String> tlsPolicy) {
            this(smtpReply, host, tlsPolicy, Optional.empty());
        }

        public Bounced(SmtpReply smtpReply, String host) {
            this(smtpReply, host, Optional.empty());
        }

        @Override
        public Bounced withTlsPolicy(String policy) {
            return new Bounced(smtpReply, host, Optional.of(policy), sentFrom);
        }

        @Override
        public Bounced withSentFrom(SendingIdentity identity) {
            return new Bounced(smtpReply, host, tlsPolicy, Optional.of(identity));
        }

        @Override
        public Outcome kind() {
            return Outcome.BOUNCED;
        }

        @Override
        public String description() {
            return smtpReply.text();
        }

        @Override
        public Optional<SmtpReply> reply() {
            return Optional.of(smtpReply);
        }

        @Override
        public Optional<String> remoteHost() {
            return Optional.ofNullable(host);
        }
    }

    /** We refused to send it: bad address, header injection, template that does not render, unknown campaign. */
    record Rejected(String reason) implements DeliveryOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Outcome kind() {
            return Outcome.REJECTED;
        }

        @Override
        public String description() {
            return reason;
        }
    }

    /** The recipient is on the suppression list. */
    record Suppressed(String reason) implements DeliveryOutcome {
        public Suppressed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Outcome kind() {
            return Outcome.SUPPRESSED;
        }

        @Override
        public String description() {
            return reason;
        }
    }

    /** The message's campaign was cancelled. */
    record Cancelled(String reason) implements DeliveryOutcome {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Outcome kind() {
            return Outcome.CANCELLED;
        }

        @Override
        public String description() {
            return reason;
        }
    }

    /** The message passed its {@code expiresAt} before it could be delivered. */
    record Expired(String reason) implements DeliveryOutcome {
        public Expired {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Outcome kind() {
            return Outcome.EXPIRED;
        }

        @Override
        public String description() {
            return reason;
        }
    }
}
