package io.mailstream.bounces.classify;

/**
 * Which verdict a text gives when two phrase families match it: a scanner that says "spam or
 * virus" has found no virus, a filter or policy that names spam as its finding has said why it
 * refused, and a quota beside throttling is the sender's (issue 16, rsn2).
 *
 * <p>Sisimai's {@code lib/Sisimai/Reason.pm} tries SpamDetected before VirusDetected, and its
 * Reason::Filtered is the recipient's own refusal, Reason::SpamDetected the content judged as spam;
 * we keep our own order (a named virus outranks spam wording) and decide only the undecided texts here.
 */
final class SpamVerdicts {
    private SpamVerdicts() {
    }

    /**
     * "spam or virus", "spam/virus content": the verdict names spam first and offers a virus only as the
     * alternative; nothing says a virus was found. Written the other way round ("prohibited virus or spam
     * content") the virus is named first and stays the finding, as Sisimai's Reason::SpamDetected and
     * Reason::VirusDetected lists divide the two orders.
     */
    static boolean offersVirusOnlyBesideSpam(String normalized) {
        int v = normalized.indexOf("virus");
        while (v >= 0) {
            String before = normalized.substring(Math.max(0, v - 12), v);
            if (before.contains("spam") && (before.endsWith(" or ") || before.endsWith("/") || before.endsWith(" or a "))) {
                return true;
            }
            v = normalized.indexOf("virus", v + 5);
        }
        return false;
    }

    /**
     * A filter's refusal ("by our mail filters", "message refused by ...") that names spam as what it found:
     * the content was judged spam, which says more than that a filter refused. "unsolicited" is RFC 2505's
     * word for it (UBE, §1).
     */
    static boolean filterNamesSpam(String normalized) {
        // a filter for bulk mail is one for spam (CiviCRM's "Spam" bounce type: "bulk( e-?mail) filters?")
        return normalized.contains("spam") || normalized.contains("unsolicited") || normalized.contains("bulk e")
                || normalized.contains("bulk mail");
    }

    /**
     * A quota named with throttling or sending ("Throttling failure: Daily message quota exceeded",
     * "sending quota exceeded") and nothing about a mailbox or its storage: the sender's allowance is used
     * up (Amazon SES answers "454 Throttling failure: Daily message quota exceeded" and "... Maximum sending
     * rate exceeded" when an account's limits are reached: "Errors related to the sending quotas for your
     * Amazon SES account", https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html), not
     * the recipient's space. Both readings are soft.
     */
    static boolean quotaIsTheSendersRate(String normalized) {
        return (normalized.contains("throttl") || normalized.contains("sending quota"))
                && !normalized.contains("mailbox") && !normalized.contains("storage") && !normalized.contains("disk");
    }
}
