package io.mailstream.schemas.topics;

import io.mailstream.schemas.MailstreamException;

/** The cluster could not be asked about, or could not create, a topic. */
public final class TopicProvisioningException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final String topic;

    private TopicProvisioningException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    public static TopicProvisioningException creating(String topic, Throwable cause) {
        return new TopicProvisioningException(topic, "could not create topic " + topic + ": " + cause.getMessage(), cause);
    }

    public static TopicProvisioningException describing(String what, Throwable cause) {
        return new TopicProvisioningException(null, "could not describe " + what + ": " + cause.getMessage(), cause);
    }

    /** The topic concerned, or null when the failure was about the cluster as a whole. */
    public String topic() {
        return topic;
    }
}
