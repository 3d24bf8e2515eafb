package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;

/**
 * The replies of content scanners plugged into an MTA (issue 16, flt): the category a scanner names in its
 * own reply layout, a scanner that failed to run, and a block list judging the links in the message rather
 * than the client. Each decides what the wording around it would read otherwise (a "banned" attachment is
 * no banned client; "virus scanner error" found no virus; a listed URL is no listed client).
 */
final class ContentScannerReplies {
    private ContentScannerReplies() {
    }

    /**
     * Amavis (amavisd-new) rejects with "Reject, id=&lt;id&gt; - &lt;CATEGORY&gt;[: detail]" (its
     * smtp_reason_by_ccat templates: "554 5.7.0 Reject, id=%i - SPAM", "... - BANNED: %F", "... - INFECTED: %V",
     * "... - BAD_HEADER: ..."), the category being one of its content categories (CC_VIRUS, CC_BANNED, CC_SPAM,
     * CC_SPAMMY, CC_BADH, CC_OVERSIZED). The category is the verdict: {@code null} for any other text.
     */
    static BounceReason amavisCategory(String normalized) {
        int id = normalized.indexOf("reject, id=");
        if (id < 0) {
            return null;
        }
        int dash = normalized.indexOf(" - ", id);
        // the id is short ("12345-01", "QqA2bC9x1fZT"): a dash far away belongs to other words
        if (dash < 0 || dash - id > 48) {
            return null;
        }
        String category = normalized.substring(dash + 3, Math.min(normalized.length(), dash + 16));
        if (category.startsWith("spam")) {
            return SPAM_DETECTED;
        }
        if (category.startsWith("banned")) {
            return POLICY_VIOLATION;
        }
        if (category.startsWith("infected") || category.startsWith("virus")) {
            return VIRUS_DETECTED;
        }
        if (category.startsWith("bad_header") || category.startsWith("bad-header") || category.startsWith("bad header")) {
            return CONTENT_ERROR;
        }
        if (category.startsWith("oversized")) {
            return MESG_TOO_BIG;
        }
        return null;
    }

    /**
     * The scanner itself failed, nothing was found: Haraka's plugins/clamd.js answers DENYSOFT "Virus scanner
     * error", "Virus scanner timed out", "Error connecting to virus scanner", "Error running virus scanner";
     * Amavis "451 4.5.0 Error in processing, id=..., spam_scan FAILED: ..." (its temporary failure when a
     * scanner dies). The receiving system's error, soft (Sisimai's Reason::SystemError).
     */
    static boolean scannerFailed(String normalized) {
        for (String w : SCANNER_FAILED) {
            if (normalized.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The words of a scanner that failed to run (Haraka's clamd.js, Amavis), also {@link FilterReplyWording}'s phrases. */
    static final List<String> SCANNER_FAILED = List.of("scan failed", "scanning failed", "scan error",
            "scanner error", "scanner timed out", "scanner failure", "scanner unavailable", "scanner not available",
            "to virus scanner", "running virus scanner");

    /**
     * A block list that judged the links in the message, not the connecting client: URIBL/SURBL and the
     * Spamhaus DBL applied to the body's URLs (Haraka's plugins/data.uribl.js refuses on a listed host named
     * in the message; SpamAssassin's URIBL_* / rspamd's SURBL module score the same): the content was judged
     * spam (Sisimai's Reason::SpamDetected), not the client (blocked).
     */
    static boolean listsTheMessagesLinks(String normalized) {
        return normalized.contains("uribl") || normalized.contains("surbl") || normalized.contains("contains a url")
                || normalized.contains("contains url") || normalized.contains("url listed") || normalized.contains("uri listed")
                || normalized.contains("listed url") || normalized.contains("blacklisted url") || normalized.contains("blacklisted link")
                || normalized.contains("link listed");
    }
}
