package io.mailstream.bounces.classify;

import java.util.Optional;

/**
 * The SMTP command (RFC 5321 §4.1) a server was answering when it refused, as bounce texts tell
 * it: "in reply to RCPT TO command" (Postfix), "after RCPT TO:" (Exim), ">>> DATA" (Sendmail),
 * "RCPT TO response" (qmail), "SMTP command\nDATA" (m-FILTER). The same words mean different
 * things after RCPT and after DATA.
 */
public enum SmtpCommand {
    CONN, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA;

    /**
     * Refusals before any command: Exim's "after initial connection", the 554 greeting, Postfix's
     * smtp(8) "host X refused to talk to me: 554 ..." (smtp_proto.c, a refused greeting) and
     * qmail-remote's "Connected to X but greeting failed." (qmail-remote.c).
     */
    private static final String[] GREETING = {"after initial connection", "connection greeting", "smtp greeting",
            "in reply to initial connection", "refused to talk to me", "but greeting failed"};
    /**
     * qmail-remote.c names the stage in fixed sentences instead of the command: "Connected to X
     * but my name was rejected." (HELO), "... but sender was rejected." (MAIL FROM), "X does not
     * like recipient." (RCPT TO), "X failed after I sent the message." (end of DATA). Postfix's
     * "Helo command rejected:" names the HELO stage the same way.
     */
    private static final String[][] STAGE_SENTENCES = {
            {"but my name was rejected", "EHLO"}, {"but sender was rejected", "MAIL"},
            {"does not like recipient", "RCPT"}, {"failed after i sent the message", "DATA"},
            // Postfix smtpd's smtpd_helo_restrictions answer "Helo command rejected: ..." (postconf(5)), at
            // RCPT TO when smtpd_delay_reject is on: the client's HELO name was judged, not the recipient
            {"helo command rejected", "EHLO"}};
    private static final String[] WORDS = {"rcpt", "mail", "data", "ehlo", "helo", "starttls", "auth"};
    /** What precedes the command word: "in reply to RCPT", "after the end of DATA", ">>> MAIL". */
    private static final String[] LEADS = {"in reply to", "after", ">>>", "response to", "while sending", "command",
            "did not like our", "during", "at", "smtp:"};
    private static final String[] FILLERS = {"final ", "end of ", "the "};
    /** What follows it: "RCPT TO command", "DATA response", "MAIL FROM:". */
    private static final String[] TAILS = {" command", " response", ":"};

    /**
     * The first command named in {@code text}, which must be normalised
     * ({@link DiagnosticText#normalize}). A plain scan with {@code indexOf} rather than a regex:
     * it runs on every diagnostic, and a regex whose branches all start with a word scans each
     * position of the text for each branch.
     */
    static Optional<SmtpCommand> findNormalized(String text) {
        int best = Integer.MAX_VALUE;
        SmtpCommand found = null;
        for (String greeting : GREETING) {
            int at = text.indexOf(greeting);
            if (at >= 0 && at < best) {
                best = at;
                found = CONN;
            }
        }
        for (String[] sentence : STAGE_SENTENCES) {
            int at = text.indexOf(sentence[0]);
            if (at >= 0 && at < best) {
                best = at;
                found = valueOf(sentence[1]);
            }
        }
        for (String w : WORDS) {
            for (int at = text.indexOf(w); at >= 0 && at < best; at = text.indexOf(w, at + 1)) {
                int end = at + w.length();
                if (end < text.length() && Character.isLetterOrDigit(text.charAt(end)) || isHostLabel(text, at, end)) {
                    continue;
                }
                int start = namedAt(text, at, end, w);
                if (start >= 0 && start < best) {
                    best = start;
                    found = of(w);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whether the word at {@code at} is the first label of a host name ("the qmail-send program at
     * mail.example.net", "Giving up on data.example.org"): qmail-send.c and many other MTAs name
     * their own host in the report's first line, and "at mail" is no stage of the transaction.
     */
    private static boolean isHostLabel(String text, int at, int end) {
        return end + 1 < text.length() && (text.charAt(end) == '.' || text.charAt(end) == '-')
                && Character.isLetterOrDigit(text.charAt(end + 1));
    }

    /** Where the mention of the command word at {@code at} starts, or -1 if it is no command. */
    private static int namedAt(String text, int at, int end, String word) {
        int p = at;
        if (p > 0 && text.charAt(p - 1) == ' ') {
            p--;
        }
        for (String f : FILLERS) {
            if (text.startsWith(f, p - f.length() + 1) && p - f.length() + 1 >= 0 && text.charAt(p) == ' ') {
                p = p - f.length() + 1;
                if (p > 0 && text.charAt(p - 1) == ' ') {
                    p--;
                }
            }
        }
        for (String lead : LEADS) {
            int s = p - lead.length();
            boolean leadStart = s == 0 || !Character.isLetterOrDigit(lead.charAt(0))
                    || (s > 0 && !Character.isLetterOrDigit(text.charAt(s - 1)));
            if (s >= 0 && leadStart && text.startsWith(lead, s) && (p == at || text.charAt(p) == ' ' || p + 1 == at)) {
                return s;
            }
        }
        boolean wordStart = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
        if (!wordStart) {
            return -1;
        }
        if (word.equals("rcpt") && text.startsWith("_to]", end)) {
            return at; // Yahoo's "[RCPT_TO]"
        }
        int afterWord = end;
        if (word.equals("rcpt") && text.startsWith(" to", end)) {
            afterWord = end + 3;
        } else if (word.equals("mail") && text.startsWith(" from", end)) {
            afterWord = end + 5;
        } else if (!word.equals("data")) {
            return -1;
        }
        if (afterWord < text.length() && Character.isLetterOrDigit(text.charAt(afterWord))) {
            return -1;
        }
        for (String tail : TAILS) {
            if (text.startsWith(tail, afterWord)) {
                return tail.equals(":") && isEnvelopeLabel(text, afterWord + 1) ? -1 : at;
            }
        }
        return -1;
    }

    /**
     * "RCPT TO: a@example.org" with no lead word and a bare address after a blank is a label in a
     * report's list of envelope details (Apache James's "Message details"), not the command that
     * failed: RFC 5321 §4.1.1.3 writes the command's argument in angle brackets, "RCPT TO:<a@…>".
     */
    private static boolean isEnvelopeLabel(String text, int afterColon) {
        return afterColon + 1 < text.length() && text.charAt(afterColon) == ' ' && text.charAt(afterColon + 1) != '<';
    }

    /** Whether DATA appears in the normalised text only as a transcript line (">>> DATA"). */
    static boolean isTranscriptDataOnly(String text) {
        return text.contains(">>> data") && !text.contains("end of data") && !text.contains("data command")
                && !text.contains("after data") && !text.contains("our data") && !text.contains("final data");
    }

    /**
     * A transcript in which DATA was refused because no recipient had been accepted: Postfix's smtpd
     * answers DATA with "554 5.5.1 Error: no valid recipients" when the transaction is open and every
     * RCPT TO was refused (smtpd.c, data_cmd). A client that pipelines (RFC 2920 §3.1) sends RCPT TO
     * and DATA together and gets the replies in order, so a Sendmail transcript shows ">>> DATA" and
     * then the recipient's refusal: that refusal answered RCPT TO, not DATA.
     */
    static boolean isTranscriptDataRefusedForWantOfRecipients(String text) {
        int data = text.indexOf(">>> data");
        return data >= 0 && text.indexOf("no valid recipients", data) >= 0;
    }

    private static SmtpCommand of(String word) {
        return switch (word) {
            case "rcpt" -> RCPT;
            case "mail" -> MAIL;
            case "data" -> DATA;
            case "ehlo", "helo" -> EHLO;
            case "starttls" -> STARTTLS;
            default -> AUTH;
        };
    }

    /** The command named in any text (normalised here). */
    public static Optional<SmtpCommand> find(String text) {
        return text == null ? Optional.empty() : findNormalized(DiagnosticText.normalize(text));
    }
}
