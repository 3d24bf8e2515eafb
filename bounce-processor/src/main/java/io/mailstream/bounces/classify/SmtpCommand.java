package io.mailstream.bounces.classify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP command (RFC 5321 §4.1) a server was answering when it refused, as bounce texts tell
 * it: "in reply to RCPT TO command" (Postfix), "after RCPT TO:" (Exim), ">>> DATA" (Sendmail),
 * "RCPT TO response" (qmail), "SMTP command\nDATA" (m-FILTER). The same words mean different
 * things after RCPT and after DATA.
 */
public enum SmtpCommand {
    CONN, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA;

    // Applied to normalised text (lower case, one blank between words), so no case folding and no
    // white-space runs: every branch starts with a literal, which keeps the scan linear.
    private static final Pattern COMMAND = Pattern.compile(
            "(?:in reply to|after|>>>|response to|while sending|command|did not like our|during|at) ?"
                    + "(?:the )?(?:end of )?(?:final )?(rcpt|mail|data|ehlo|helo|starttls|auth)\\b"
                    + "|\\b(rcpt to|mail from|data)\\b(?: command| response|:)");

    /** The command named in {@code text}, which must be normalised ({@link DiagnosticText#normalize}). */
    static Optional<SmtpCommand> findNormalized(String text) {
        if (text.isEmpty() || !mayNameCommand(text)) {
            return Optional.empty();
        }
        Matcher m = COMMAND.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String word = m.group(1) != null ? m.group(1) : m.group(2);
        return Optional.of(switch (word.substring(0, 4)) {
            case "rcpt" -> RCPT;
            case "mail" -> MAIL;
            case "data" -> DATA;
            case "ehlo", "helo" -> EHLO;
            case "star" -> STARTTLS;
            default -> AUTH;
        });
    }

    /** Cheap pre-check: the command words, not "mail", which nearly every bounce contains. */
    private static boolean mayNameCommand(String text) {
        return text.contains("rcpt") || text.contains("data") || text.contains("mail from")
                || text.contains("helo") || text.contains("ehlo") || text.contains("starttls")
                || text.contains(" auth") || text.contains("after mail");
    }

    /** The command named in any text (normalised here). */
    public static Optional<SmtpCommand> find(String text) {
        return text == null ? Optional.empty() : findNormalized(DiagnosticText.normalize(text));
    }
}
