package io.mailstream.embedded.smtp;

import io.mailstream.schemas.address.Domain;

/**
 * How the {@link SmtpSink} answers a recipient of a given domain instead of accepting it: a
 * scripted failure for tests of bounce and deferral handling.
 *
 * @param domain the recipient domain the rule applies to
 * @param stage  the SMTP command that gets the failure reply
 * @param reply  the reply; a 421 also closes the connection, as RFC 5321 §3.8 requires
 */
public record SinkRule(Domain domain, Stage stage, SmtpReply reply) {
    /** Where in the transaction the reply is given. */
    public enum Stage {
        /** {@code RCPT TO}: the recipient alone is refused. */
        RCPT,
        /** {@code DATA}: the whole message is refused after its content was sent. */
        DATA
    }

    public SinkRule {
        if (domain == null || stage == null || reply == null) {
            throw new IllegalArgumentException("domain, stage and reply are required");
        }
    }

    /** A permanent failure at RCPT, e.g. {@code rejectDomain(d, 550, "5.1.1", "user unknown")}. */
    public static SinkRule rejectDomain(Domain domain, int code, String enhancedCode, String text) {
        if (code < 500) {
            throw new IllegalArgumentException("rejectDomain needs a 5yz code, was " + code + "; use deferDomain");
        }
        return new SinkRule(domain, Stage.RCPT, new SmtpReply(code, enhancedCode, text));
    }

    /** A temporary failure at RCPT, e.g. {@code deferDomain(d, 451, "4.7.1", "try again later")} or 421. */
    public static SinkRule deferDomain(Domain domain, int code, String enhancedCode, String text) {
        if (code >= 500) {
            throw new IllegalArgumentException("deferDomain needs a 4yz code, was " + code + "; use rejectDomain");
        }
        return new SinkRule(domain, Stage.RCPT, new SmtpReply(code, enhancedCode, text));
    }

    /** A failure after DATA for any message with a recipient in the domain. */
    public static SinkRule failDataForDomain(Domain domain, int code, String enhancedCode, String text) {
        return new SinkRule(domain, Stage.DATA, new SmtpReply(code, enhancedCode, text));
    }
}
