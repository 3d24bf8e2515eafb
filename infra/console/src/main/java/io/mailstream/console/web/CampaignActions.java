package io.mailstream.console.web;

/**
 * Pause, resume and cancel from the console. The launcher supplies the CLI's compare-and-set state
 * changer, based on the state version the page showed, so a change made elsewhere since is refused,
 * not overwritten; the console itself writes to no topic.
 */
@FunctionalInterface
public interface CampaignActions {
    /**
     * @param action       pause, resume or cancel
     * @param shownVersion the campaign's state version the person saw
     * @return what happened, in words for the page; a refusal says why
     */
    Result apply(String campaignId, String action, long shownVersion);

    /**
     * Releases the campaign guard's hold of {@code provider} ({@code campaign resume ID --provider P});
     * the hold stays in the record, marked resumed.
     */
    default Result resumeProvider(String campaignId, String provider) {
        return new Result(false, "this console cannot release guard holds");
    }

    record Result(boolean ok, String message) {
    }
}
