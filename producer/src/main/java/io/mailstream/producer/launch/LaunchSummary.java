package io.mailstream.producer.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * The result of a completed launch: every published event was acknowledged by Kafka.
 *
 * @param rowsRead        records read from the recipient list
 * @param published       events written to {@code mail.outbound} (valid, unique recipients)
 * @param rejected        rows refused (bad address, CR/LF in a variable, malformed record)
 * @param duplicates      rows whose address (normalised) appeared earlier in the list
 * @param suppressed      rows not published because {@code mail.suppressions} keeps the address from this
 *                        campaign's list ({@code --skip-suppressed}; 0 without it)
 * @param rejectsFile     where rejected and duplicate rows are listed
 * @param eventsPerSecond published / seconds (0 when no time elapsed)
 * @param continued       the campaign existed: this launch continued it (dispatchers mail only the recipients whose
 *                        message has no outcome yet)
 */
public record LaunchSummary(
        String campaignId,
        int version,
        long rowsRead,
        long published,
        long rejected,
        long duplicates,
        long suppressed,
        double seconds,
        double eventsPerSecond,
        Path rejectsFile,
        boolean continued) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LaunchSummary of(String campaignId, int version, long rowsRead, long published, long rejected,
                            long duplicates, long elapsedMillis, Path rejectsFile) {
        return of(campaignId, version, rowsRead, published, rejected, duplicates, 0, elapsedMillis, rejectsFile);
    }

    static LaunchSummary of(String campaignId, int version, long rowsRead, long published, long rejected,
                            long duplicates, long suppressed, long elapsedMillis, Path rejectsFile) {
        double seconds = elapsedMillis / 1000.0;
        double rate = seconds > 0 ? published / seconds : 0.0;
        return new LaunchSummary(campaignId, version, rowsRead, published, rejected, duplicates, suppressed, seconds, rate,
                rejectsFile, false);
    }

    /** This summary, for a launch that continued an existing campaign. */
    LaunchSummary asContinued() {
        return new LaunchSummary(campaignId, version, rowsRead, published, rejected, duplicates, suppressed, seconds,
                eventsPerSecond, rejectsFile, true);
    }

    /** One JSON object on one line, e.g. for {@code --json} output and scripts. */
    public String toJson() {
        var node = JSON.createObjectNode();
        node.put("campaignId", campaignId);
        node.put("version", version);
        node.put("rowsRead", rowsRead);
        node.put("published", published);
        node.put("rejected", rejected);
        node.put("duplicates", duplicates);
        node.put("suppressed", suppressed);
        node.put("seconds", Math.round(seconds * 1000) / 1000.0);
        node.put("eventsPerSecond", Math.round(eventsPerSecond * 10) / 10.0);
        node.put("rejectsFile", rejectsFile.toString());
        node.put("continued", continued);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** A short human-readable report. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "campaign %s v%d: %,d published, %,d rejected, %,d duplicates, %,d suppressed of %,d rows in %.1f s (%,.0f events/s); rejects: %s",
                campaignId, version, published, rejected, duplicates, suppressed, rowsRead, seconds, eventsPerSecond, rejectsFile)
                + (continued ? "; continued the existing campaign: recipients already mailed are not mailed again" : "");
    }
}
