package io.mailstream.producer.launch;

import io.mailstream.producer.ProducerException;
import java.util.List;

/** {@code campaign resume ID --provider P} for a provider the campaign guard does not hold the campaign at. */
public final class NoGuardHoldException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final String campaignId;
    private final String provider;

    NoGuardHoldException(String campaignId, String provider, List<String> held) {
        this(campaignId, provider, held.isEmpty() ? "it is held at no provider"
                : "it is held at " + String.join(", ", held) + "; resume one of those with --provider");
    }

    NoGuardHoldException(String campaignId, String provider, String why) {
        super("campaign '" + campaignId + "' is not held by the guard at provider '" + provider + "': " + why);
        this.campaignId = campaignId;
        this.provider = provider;
    }

    public String campaignId() {
        return campaignId;
    }

    public String provider() {
        return provider;
    }
}
