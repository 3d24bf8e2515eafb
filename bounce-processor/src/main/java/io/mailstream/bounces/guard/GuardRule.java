package io.mailstream.bounces.guard;

/** The rates the guard watches at each mailbox provider. */
public enum GuardRule {
    /** Complaints (RFC 5965 feedback reports) per delivered message. */
    COMPLAINT_RATE("complaint-rate"),
    /** Hard bounces (5xx, or a relay's failed DSN) per attempted message. */
    HARD_BOUNCE_RATE("hard-bounce-rate");

    private final String label;

    GuardRule(String label) {
        this.label = label;
    }

    /** The name written in decisions and shown by {@code campaign status}. */
    public String label() {
        return label;
    }
}
