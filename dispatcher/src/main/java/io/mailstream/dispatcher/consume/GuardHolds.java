package io.mailstream.dispatcher.consume;

import io.mailstream.avro.GuardHold;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.sites.MailboxProviders;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The campaign guard's holds as a dispatcher honours them: a campaign's mail to a mailbox provider
 * (the recipient's domain in the provider table, {@link MailboxProviders}) waits while the latest
 * campaign record has a hold there that no operator resumed. The bounce processor writes the holds,
 * {@code campaign resume} releases them.
 */
final class GuardHolds {
    private GuardHolds() {
    }

    /** The provider of {@code recipientDomain} if the campaign is held there. */
    static Optional<String> heldProvider(Optional<CampaignSnapshot> campaign, Domain recipientDomain) {
        return heldProvider(campaign, recipientDomain, MailboxProviders::of);
    }

    /**
     * As {@link #heldProvider(Optional, Domain)}, naming the provider with {@code providerOf}: asked only
     * when the campaign holds some provider, so the common case (no hold) costs no table lookup per message.
     */
    static Optional<String> heldProvider(Optional<CampaignSnapshot> campaign, Domain recipientDomain,
                                         Function<Domain, Optional<String>> providerOf) {
        if (!anyHeld(campaign)) {
            return Optional.empty();
        }
        return heldProvider(campaign, providerOf.apply(recipientDomain));
    }

    static Optional<String> heldProvider(Optional<CampaignSnapshot> campaign, Optional<String> provider) {
        return provider.filter(p -> isHeld(campaign, p));
    }

    /** Whether the campaign's latest record holds its mail to any provider. */
    static boolean anyHeld(Optional<CampaignSnapshot> campaign) {
        Map<String, GuardHold> holds = campaign.map(c -> c.templates().getGuardHolds()).orElse(null);
        return holds != null && holds.values().stream().anyMatch(h -> h.getResumedAt() == null);
    }

    /** Whether the campaign's latest record holds its mail to {@code provider}. */
    static boolean isHeld(Optional<CampaignSnapshot> campaign, String provider) {
        if (campaign.isEmpty()) {
            return false;
        }
        Map<String, GuardHold> holds = campaign.get().templates().getGuardHolds();
        GuardHold h = holds == null ? null : holds.get(provider);
        return h != null && h.getResumedAt() == null;
    }
}
