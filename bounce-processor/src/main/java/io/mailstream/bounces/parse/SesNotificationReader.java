package io.mailstream.bounces.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.bounces.BounceKind;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.classify.DiagnosticText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads Amazon SES notifications forwarded by mail (SNS JSON with {@code notificationType}
 * Bounce / Complaint / Delivery), whose recipients carry DSN-like fields (action, status,
 * diagnosticCode) in JSON rather than in a {@code message/delivery-status} part.
 */
final class SesNotificationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(BounceKind kind, List<RecipientEvidence> recipients) {
    }

    private SesNotificationReader() {
    }

    static Optional<Result> read(MessageParts parts, int maxRecipients) {
        for (String text : parts.texts()) {
            int start = text.indexOf("{\"notificationType\"");
            if (start < 0) {
                start = text.indexOf("{\"eventType\"");
            }
            if (start < 0) {
                continue;
            }
            // sendmail folds lines longer than 990 octets with "!\n ": undo that before parsing
            String json = text.substring(start).replace("!\n ", "").replace("\n", " ");
            try {
                JsonNode root = JSON.reader().without(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE)
                        .readTree(json.substring(0, endOfObject(json)));
                return Optional.of(toResult(root, maxRecipients));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int endOfObject(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return json.length();
    }

    private static Result toResult(JsonNode root, int max) {
        String type = root.path("notificationType").asText(root.path("eventType").asText("")).toLowerCase(Locale.ROOT);
        List<RecipientEvidence> out = new ArrayList<>();
        switch (type) {
            case "complaint" -> {
                for (JsonNode r : root.path("complaint").path("complainedRecipients")) {
                    add(out, max, r.path("emailAddress").asText(""), Optional.empty(), "", "feedback");
                }
                return new Result(BounceKind.FEEDBACK, out);
            }
            case "delivery" -> {
                JsonNode d = root.path("delivery");
                for (JsonNode r : d.path("recipients")) {
                    add(out, max, r.asText(""), Optional.of(DsnAction.DELIVERED), "2.0.0", d.path("smtpResponse").asText(""));
                }
                return new Result(BounceKind.DSN, out);
            }
            default -> {
                JsonNode b = root.path("bounce");
                String bounceType = b.path("bounceType").asText("");
                String subType = b.path("bounceSubType").asText("");
                // SES's own verdict, worded as its documentation names it: the explanation a recipient's reason
                // falls back on when its diagnosticCode (often absent: suppressed addresses, no SMTP answer)
                // decides nothing; the AMAZON provider rules read it (classify.ProviderRules)
                String verdict = bounceType.isEmpty() ? "" : "Amazon SES bounceType " + bounceType + " bounceSubType " + subType;
                for (JsonNode r : b.path("bouncedRecipients")) {
                    String diag = r.path("diagnosticCode").asText("");
                    String status = r.path("status").asText("");
                    if (status.isBlank() && DiagnosticText.findStatus(diag).isEmpty()) {
                        // no status anywhere: the bounce type says permanent or transient
                        // (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html)
                        status = switch (bounceType) {
                            case "Permanent" -> "5.0.0";
                            case "Transient" -> "4.0.0";
                            default -> "";
                        };
                    }
                    add(out, max, r.path("emailAddress").asText(""), DsnAction.parse(r.path("action").asText("failed")),
                            status, DeliveryStatusReader.text(diag), verdict);
                }
                return new Result(BounceKind.DSN, out);
            }
        }
    }

    private static void add(List<RecipientEvidence> out, int max, String address, Optional<DsnAction> action,
                            String status, String diagnostic) {
        add(out, max, address, action, status, diagnostic, "");
    }

    private static void add(List<RecipientEvidence> out, int max, String address, Optional<DsnAction> action,
                            String status, String diagnostic, String explanation) {
        if (out.size() >= max) {
            return;
        }
        Optional<DeliveryStatus> st = DeliveryStatus.parse(status).or(() -> DiagnosticText.findStatus(diagnostic));
        OptionalInt reply = DiagnosticText.findReplyCode(diagnostic);
        out.add(new RecipientEvidence(address.strip().toLowerCase(Locale.ROOT), action, st, reply, diagnostic, explanation,
                Optional.empty()));
    }
}
