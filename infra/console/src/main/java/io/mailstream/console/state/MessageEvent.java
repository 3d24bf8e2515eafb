package io.mailstream.console.state;

import java.time.Instant;
import java.util.Optional;

/** One delivery event of a transactional message, with the SMTP reply it records. */
public record MessageEvent(String messageId, String recipient, String outcome, int attempt, Instant at,
                           Optional<Integer> replyCode, Optional<String> enhancedCode, Optional<String> replyText,
                           Optional<String> remoteHost, String dispatcherId) {
}
