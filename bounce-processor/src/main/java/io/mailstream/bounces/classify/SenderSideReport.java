package io.mailstream.bounces.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a bounce was written on the sender's side of the failed hop (issue 16, "who said it").
 * Sendmail's report, and the many MTAs that copy its layout, opens with "The original message was
 * received at DATE" and "from ORIGIN" (sendmail's savemail.c {@code errbody()} expands
 * {@code "from $_"}): the host the message came from or, for mail a local user handed over,
 * that user's address ({@code root@localhost}). GNU Mailutils' Sieve {@code reject} writes the same
 * sentence with the sender's address before "Message was refused by recipient's mail filtering
 * program". Either way the writer did not look the recipient up in its own directory: it took the
 * message from its user and delivered it onwards, or a filter refused it. When such a report says
 * "user unknown" without a reply code or a status, it retells another server's answer (or a
 * filter's), which is no proof that the address is bad.
 *
 * <p>Only the address form counts: "from localhost [127.0.0.1]" is also what a content filter
 * re-injecting mail from the internet looks like, so it says nothing about the mailbox's host.
 */
public final class SenderSideReport {
    // the origin may follow on the same line or, as Sendmail writes it, on the next one
    private static final Pattern RECEIVED_FROM = Pattern.compile(
            "original message was received at[^\\n]*?(?:\\n[ \\t]*)?\\bfrom[ \\t]+([^\\s\\[\\]()<>]+)",
            Pattern.CASE_INSENSITIVE);

    private SenderSideReport() {
    }

    /** Whether {@code explanation} (the bounce's human-readable text) says a local user handed the message over. */
    public static boolean receivedFromLocalUser(String explanation) {
        if (explanation == null || explanation.isEmpty()) {
            return false;
        }
        Matcher m = RECEIVED_FROM.matcher(explanation);
        if (!m.find()) {
            return false;
        }
        String origin = m.group(1);
        int at = origin.indexOf('@');
        return at > 0 && at < origin.length() - 1;
    }
}
