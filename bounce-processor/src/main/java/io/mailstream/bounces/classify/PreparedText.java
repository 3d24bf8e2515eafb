package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.internal.PhraseAutomaton;
import java.util.Optional;

/**
 * Text made ready for classification once: normalised, its phrase families found and the SMTP
 * command it names. A bounce's wider text is shared by all its recipients; prepare it once.
 */
public final class PreparedText {
    private final PhraseAutomaton automaton;
    private final String raw;
    private String text;
    private long found = -1;
    private Optional<SmtpCommand> command;

    PreparedText(PhraseAutomaton automaton, String raw, String text, long found) {
        this.automaton = automaton;
        this.raw = raw;
        this.text = text;
        this.found = found;
    }

    /** Normalised lazily: the wider text of a DSN is often never needed. */
    String text() {
        if (text == null) {
            text = DiagnosticText.withoutContinuationCodes(DiagnosticText.normalize(raw));
        }
        return text;
    }

    long found() {
        if (found < 0) {
            found = text().isEmpty() ? 0 : automaton.match(text());
        }
        return found;
    }

    Optional<SmtpCommand> command() {
        if (command == null) {
            command = SmtpCommand.findNormalized(text());
        }
        return command;
    }

    public boolean isEmpty() {
        return raw != null ? raw.isBlank() : text.isEmpty();
    }
}
