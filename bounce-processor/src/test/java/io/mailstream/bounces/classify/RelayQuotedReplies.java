package io.mailstream.bounces.classify;

import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A receiving host's reply as a Postfix relay quotes it in a failed DSN ("host X[ip] said: ... (in reply to RCPT TO
 * command)", or "refused to talk to me: ..." at the greeting): the synthetic frame the provider-rule tests wrap each
 * documented reply in.
 */
final class RelayQuotedReplies {
    private RelayQuotedReplies() {
    }

    /** Classifies {@code reply} from {@code host}, answered to {@code command} ({@code null}: the greeting). */
    static Classification failed(ReasonClassifier c, String status, int code, String reply, String host, String command) {
        String wider = "<prv@example.org>: host " + host + "[192.0.2.10] " + (command == null
                ? "refused to talk to me: " + reply : "said: " + reply + " (in reply to " + command + " command)");
        return c.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(code), reply, wider);
    }
}
