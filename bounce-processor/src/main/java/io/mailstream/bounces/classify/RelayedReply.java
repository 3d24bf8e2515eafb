package io.mailstream.bounces.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remote server's reply inside a relay's own summary of it. Amazon SES's (legacy) DSNs write a
 * Diagnostic-Code as "{@code 5.1.0 - Unknown address error 550-'5.7.1 <addr>... Access denied'}": SES's own
 * status and a category label of its choosing, then the reply the recipient's server gave, quoted.
 * The label is SES's guess from the reply class (the same "Unknown address error" stands over a 5.7.1
 * policy refusal), so it is no evidence of its own: only the quoted reply is classified (Sisimai's
 * Lhost::AmazonSES likewise takes the status from the quoted reply when SES's own is x.0.0 / x.1.0).
 * Without it, the label's "unknown address" made a quoted spam or policy refusal read as a filtered
 * "user unknown".
 */
public final class RelayedReply {
    /** SES's status, " - ", a label of words ending in "error", then a reply code opening the quote. */
    private static final Pattern SES_WRAPPER = Pattern.compile(
            "^\\s*[245]\\.\\d{1,3}\\.\\d{1,3} - [A-Za-z][A-Za-z ]{0,40}? error (?=[245]\\d\\d[- ])");

    private RelayedReply() {
    }

    /** {@code diagnostic} without a relay's summary in front of the reply it quotes; unchanged otherwise. */
    public static String of(String diagnostic) {
        // cheap test first: the wrapper starts with a status and " - "
        if (diagnostic == null || diagnostic.length() < 12 || diagnostic.indexOf(" - ") < 0) {
            return diagnostic;
        }
        Matcher m = SES_WRAPPER.matcher(diagnostic);
        return m.find() ? diagnostic.substring(m.end()) : diagnostic;
    }
}
