package io.mailstream.cli.acl;

/** The services that talk to Kafka, each meant to run as a principal of its own. */
public enum MailstreamService {
    DISPATCHER("dispatcher"),
    BOUNCE_PROCESSOR("bounce-processor"),
    API("api"),
    CAMPAIGNS("campaigns"),
    REGISTRY("registry"),
    WEBHOOKS("webhooks"),
    /** The click and open tracking endpoint (issue 18): writes mail.engagement only. */
    TRACKING("tracking"),
    /** The operators' web console (issue 17): reads what it shows, writes campaign state changes only. */
    CONSOLE("console");

    private final String id;

    MailstreamService(String id) {
        this.id = id;
    }

    /** The name used on the command line and in the default principal {@code User:mailstream-<id>}. */
    public String id() {
        return id;
    }

    public String defaultPrincipal() {
        return "User:mailstream-" + id;
    }
}
