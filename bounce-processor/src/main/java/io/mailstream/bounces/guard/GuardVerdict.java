package io.mailstream.bounces.guard;

import io.mailstream.avro.GuardDecision;
import io.mailstream.avro.GuardHold;
import java.time.Instant;

/**
 * The guard's decision to brake one campaign at one provider, as its store keeps it (JSON) and as
 * it is written to {@code mail.guard-decisions} ({@link #toAvro}) and into the campaign record
 * ({@link #toHold}).
 *
 * @param decidedAtMillis the timestamp of the statistics update that crossed the line (event time, so a
 *                        replay decides the same)
 */
public record GuardVerdict(String campaignId, String provider, String rule, double rate, double line, long count,
                           long base, boolean wholeCampaign, long decidedAtMillis) {

    static GuardVerdict of(String campaignId, String provider, Breach b, boolean wholeCampaign, long atMillis) {
        return new GuardVerdict(campaignId, provider, b.rule().label(), b.rate(), b.line(), b.count(), b.base(),
                wholeCampaign, atMillis);
    }

    /** The key of a decision in its store and topic: one per campaign and provider. */
    public static String key(String campaignId, String provider) {
        return campaignId + "|" + provider;
    }

    public String key() {
        return key(campaignId, provider);
    }

    public GuardDecision toAvro() {
        return GuardDecision.newBuilder().setCampaignId(campaignId).setProvider(provider).setRule(rule).setRate(rate)
                .setLine(line).setCount(count).setBase(base).setWholeCampaign(wholeCampaign)
                .setDecidedAt(Instant.ofEpochMilli(decidedAtMillis)).build();
    }

    public GuardHold toHold() {
        return GuardHold.newBuilder().setRule(rule).setRate(rate).setLine(line).setCount(count).setBase(base)
                .setWholeCampaign(wholeCampaign).setDecidedAt(Instant.ofEpochMilli(decidedAtMillis)).setResumedAt(null).build();
    }
}
