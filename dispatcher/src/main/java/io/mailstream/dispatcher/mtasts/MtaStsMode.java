package io.mailstream.dispatcher.mtasts;

/** The {@code mode} of an MTA-STS policy (RFC 8461 §3.2). */
public enum MtaStsMode {
    /** Deliver only to MX hosts the policy names, over TLS with a certificate valid for the MX name. */
    ENFORCE,
    /** Deliver as without a policy, but report what enforcing it would have refused (RFC 8461 §5). */
    TESTING,
    /** The domain withdrew its policy: behave as if it had none (RFC 8461 §8.3). */
    NONE
}
