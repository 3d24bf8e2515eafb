package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.List;
import java.util.Optional;

/**
 * Ipswitch (Progress) IMail Server's report line for a message it gave up retrying:
 * {@code Delivery failed <n> attempts: <address>} (X-Mailer {@code <SMTP32 vN>}; one line per recipient,
 * "&lt;reason&gt;: &lt;address&gt;", as Sisimai's Lhost::IMailServer reads the format). The retry count
 * varies, so it is a format read behind the anchor "delivery failed ", not a phrase: the queue lifetime
 * ran out, {@code expired}. Switched off with {@link MtaFamily#IMAIL}.
 */
final class ImailRetryReport implements ProviderCodeFormat {
    private static final String ANCHOR = "delivery failed ";

    @Override
    public MtaFamily family() {
        return MtaFamily.IMAIL;
    }

    @Override
    public List<String> anchors() {
        return List.of(ANCHOR);
    }

    @Override
    public Optional<BounceReason> reasonIn(String text) {
        for (int at = text.indexOf(ANCHOR); at >= 0; at = text.indexOf(ANCHOR, at + 1)) {
            int i = at + ANCHOR.length();
            int digits = i;
            while (digits < text.length() && digits - i < 4 && Character.isDigit(text.charAt(digits))) {
                digits++;
            }
            if (digits > i && text.startsWith(" attempts", digits)) {
                return Optional.of(BounceReason.EXPIRED);
            }
        }
        return Optional.empty();
    }
}
