package io.mailstream.bounces.classify;

import java.util.Locale;
import java.util.Optional;

/**
 * The reason Sendmail writes into the subject of its report (issue 16): "Returned mail: User unknown",
 * "Returned mail: Quota exceeded for user nobody@example.org", "Returned mail: Host unknown (Name server: ...)".
 * Sendmail and the MTAs that copied its report (savemail.c {@code returntosender}: "Returned mail: " and the
 * envelope's error message; Sympa's anabounce reads "Returned mail: Quota exceeded for user X" and
 * "Returned mail: message not deliverable: &lt;X&gt;" from the subject, bounce-lib.pl) put their own status
 * message there, never the returned message's subject. It is read only when the report's text decided
 * nothing: "see transcript for details" sends the reader to the text.
 */
public final class ReturnedMailSubject {
    private static final String PREFIX = "returned mail:";

    private ReturnedMailSubject() {
    }

    /** The status message after "Returned mail:", if the subject is Sendmail's and says more than "see transcript". */
    public static Optional<String> reason(Optional<String> subject) {
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        String s = subject.get().strip();
        if (!s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String said = s.substring(PREFIX.length()).strip();
        return said.isEmpty() || said.toLowerCase(Locale.ROOT).startsWith("see transcript") ? Optional.empty()
                : Optional.of(said);
    }
}
