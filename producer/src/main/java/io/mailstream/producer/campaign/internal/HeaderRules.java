package io.mailstream.producer.campaign.internal;

import java.util.Locale;
import java.util.Set;

/** What a campaign may put in extra headers (RFC 5322 §2.2 field names, no line breaks in values). */
public final class HeaderRules {
    /** Headers the pipeline writes itself; letting a campaign set them would duplicate or forge them. */
    public static final Set<String> RESERVED = Set.of(
            "from", "to", "cc", "bcc", "subject", "reply-to", "sender", "message-id", "date", "return-path",
            "list-unsubscribe", "list-unsubscribe-post", "mime-version", "content-type",
            "content-transfer-encoding", "dkim-signature", "received");

    private HeaderRules() {
    }

    /** RFC 5322 §2.2: printable US-ASCII except colon. */
    public static boolean isValidName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    public static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
    }
}
