package io.mailstream.bounces.classify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP command (RFC 5321 §4.1) a server was answering when it refused, as bounce texts tell
 * it: "in reply to RCPT TO command" (Postfix), "after RCPT TO:" (Exim), ">>> DATA" (Sendmail),
 * "RCPT TO response" (qmail). The same words mean different things after RCPT and after DATA.
 */
public enum SmtpCommand {
    CONN, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA;

    private static final Pattern COMMAND = Pattern.compile(
            "(?:in reply to|after|>>>|response to|while sending|command|from remote mail server after|"
                    + "during|at) *(?:the )?(?:end of )?(RCPT|MAIL|DATA|EHLO|HELO|STARTTLS|AUTH)\\b"
                    + "|\\b(RCPT TO|MAIL FROM|DATA)\\b(?: command| response|:)",
            Pattern.CASE_INSENSITIVE);

    private static boolean mayNameCommand(String text) {
        for (String w : new String[] {"RCPT", "rcpt", "DATA", "data", "MAIL", "mail", "HELO", "EHLO", "helo", "ehlo",
                "STARTTLS", "starttls", "AUTH", "Rcpt", "Data", "Mail"}) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    public static Optional<SmtpCommand> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        // cheap pre-check: most diagnostics name no command at all
        if (!mayNameCommand(text)) {
            return Optional.empty();
        }
        Matcher m = COMMAND.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String word = (m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase(java.util.Locale.ROOT);
        return Optional.of(switch (word.substring(0, 4)) {
            case "RCPT" -> RCPT;
            case "MAIL" -> MAIL;
            case "DATA" -> DATA;
            case "EHLO", "HELO" -> EHLO;
            case "STAR" -> STARTTLS;
            default -> AUTH;
        });
    }
}
