package io.mailstream.tracking.events;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.classify.Verdict;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/** Builds the engagement event of one tracking request, keeping of the client only what the privacy settings allow. */
public final class EngagementEvents {
    private EngagementEvents() {
    }

    public static EngagementEvent of(TrackingTokens.Claim claim, Verdict verdict, TrackingConfig.Privacy privacy,
                                     InetAddress client, String userAgent, Instant now) {
        EngagementEvent.Builder b = EngagementEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setMessageId(claim.messageId())
                .setCampaignId(claim.campaignId().orElse(null))
                .setTenant(claim.tenant().orElse(null))
                .setMachine(verdict.machine())
                .setMachineReason(verdict.machineReason().orElse(null))
                .setClientClass(verdict.clientClass().name())
                .setIpClass(verdict.ipClass().name())
                .setIp(privacy.keepIp() && client != null ? client.getHostAddress() : null)
                .setUserAgent(privacy.keepUserAgent() ? userAgent : null)
                .setSentAt(claim.sentAt())
                .setTimestamp(now);
        return switch (claim) {
            case TrackingTokens.Click c -> b.setKind(EngagementKind.CLICKED).setLinkIndex(c.linkIndex())
                    .setUrl(c.url().toASCIIString()).build();
            case TrackingTokens.Open o -> b.setKind(EngagementKind.OPENED).setLinkIndex(null).setUrl(null).build();
        };
    }
}
