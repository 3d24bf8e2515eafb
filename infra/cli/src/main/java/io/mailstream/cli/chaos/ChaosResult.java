package io.mailstream.cli.chaos;

import java.util.List;

/**
 * What a chaos run counted. Mails are counted per recipient (one message id each) from the sink's
 * transaction log.
 *
 * @param recipients              recipients of the campaign
 * @param lost                    campaign recipients the sink never accepted a mail for
 * @param duplicateMails          campaign mails beyond the first per recipient before the relaunch (the crashes' repeats)
 * @param inFlightAtKills         SMTP transactions the killed dispatchers had started and whose outcome was not yet
 *                                durable in Kafka at their kills: the most the crashes may repeat
 * @param duplicateTerminalEvents terminal delivery events beyond the first per message id (campaign and API message)
 * @param missingTerminalEvents   campaign messages without a terminal event
 * @param relaunchMails           campaign mails the sink accepted after the same campaign was launched again
 * @param apiRetryMails           mails beyond the first for the transactional request sent twice with one Idempotency-Key
 * @param kills                   what was killed, when (seconds into the run), and how many transactions it had open
 * @param seed                    the seed of the kill moments
 * @param wallSeconds             the whole run
 */
public record ChaosResult(long recipients, long lost, long duplicateMails, long inFlightAtKills, long duplicateTerminalEvents,
        long missingTerminalEvents, long relaunchMails, long apiRetryMails, List<KillRecord> kills, long seed,
        double wallSeconds) {
    public ChaosResult {
        kills = List.copyOf(kills);
    }

    /** One kill: the process, when, how far the campaign was, and (dispatchers) its transactions in flight. */
    public record KillRecord(String process, double atSeconds, long messagesDone, long inFlight) {
    }

    /** The targets of issue 21. */
    public boolean ok() {
        return lost == 0 && duplicateTerminalEvents == 0 && missingTerminalEvents == 0 && relaunchMails == 0
                && apiRetryMails == 0 && duplicateMails <= inFlightAtKills;
    }
}
