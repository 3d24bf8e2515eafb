package io.mailstream.producer.campaign;

/**
 * The campaign file's {@code tracking:} section (issue 18): whether the dispatchers rewrite the
 * HTML part's links to the tracking endpoint ({@code clicks}, default on for campaigns) and add an
 * open pixel ({@code opens}, default off). Either only takes effect where dispatchers have a
 * tracking base URL and the tenant has not switched tracking off.
 */
public record CampaignTracking(boolean clicks, boolean opens) {
    public static final CampaignTracking DEFAULT = new CampaignTracking(true, false);
}
