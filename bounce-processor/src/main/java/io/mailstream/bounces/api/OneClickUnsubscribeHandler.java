package io.mailstream.bounces.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.bounces.suppress.PartKind;
import io.mailstream.bounces.suppress.SuppressionParts;
import io.mailstream.bounces.suppress.SuppressionParts.Part;
import io.mailstream.bounces.suppress.SuppressionTopicException;
import io.mailstream.bounces.suppress.SuppressionWriter;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-click unsubscribe with a signed token (RFC 8058, RFC 2369): {@code GET /u/<token>} shows a
 * page that says what will happen and has one button (a form POST, no script); {@code POST
 * /u/<token>} with the body {@code List-Unsubscribe=One-Click} (what mailbox providers send, and
 * what the page's button sends) unsubscribes the token's recipient at once, without a cookie or a
 * login. A GET never unsubscribes (link scanners follow links). A token that is not ours, altered or
 * cut short changes nothing and gets 404.
 */
final class OneClickUnsubscribeHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneClickUnsubscribeHandler.class);
    static final String PATH = "/u/";
    /** The body of an RFC 8058 one-click POST (§3.1). */
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";
    private static final int MAX_BODY = 1024;

    private final UnsubscribeTokens tokens;
    private final SuppressionWriter writer;
    private final Clock clock;
    private final java.time.Duration bodyTimeout;

    OneClickUnsubscribeHandler(UnsubscribeTokens tokens, SuppressionWriter writer, Clock clock, java.time.Duration bodyTimeout) {
        this.tokens = tokens;
        this.writer = writer;
        this.clock = clock;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestURI().getRawPath().substring(PATH.length());
            Optional<UnsubscribeTokens.Claim> claim = token.contains("/") ? Optional.empty() : tokens.verify(token);
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                OneClickPages.send(exchange, 405, OneClickPages.problem("Method not allowed",
                        "Open the link in a browser (GET) or send the one-click POST of RFC 8058."));
                return;
            }
            if (claim.isEmpty()) {
                OneClickPages.send(exchange, 404, OneClickPages.problem("Link not valid",
                        "This unsubscribe link is not valid. It may be incomplete: copy the whole link from the mail."));
                return;
            }
            String masked = OneClickPages.mask(claim.get().recipient().normalized());
            if (method.equals("GET")) {
                OneClickPages.send(exchange, 200, OneClickPages.confirm(masked,
                        claim.get().listId().or(() -> claim.get().campaignId()).map(c -> "the list '" + c + "'").orElse("us"), PATH + token));
                return;
            }
            RequestBody.Result read = RequestBody.read(exchange, MAX_BODY, bodyTimeout);
            if (read instanceof RequestBody.TooLarge) {
                exchange.getResponseHeaders().set("Connection", "close");
                OneClickPages.send(exchange, 413, OneClickPages.problem("Nothing done",
                        "The request is larger than a one-click unsubscribe (" + MAX_BODY + " bytes at most); use the button on this page."));
                return;
            }
            if (read instanceof RequestBody.TimedOut t) {
                exchange.getResponseHeaders().set("Connection", "close");
                OneClickPages.send(exchange, 408, OneClickPages.problem("Nothing done",
                        "The request did not arrive within " + t.after().toSeconds() + " s. Please press the button again."));
                return;
            }
            String body = new String(((RequestBody.Read) read).bytes(), StandardCharsets.UTF_8);
            if (!body.contains(ONE_CLICK)) {
                OneClickPages.send(exchange, 400, OneClickPages.problem("Nothing done",
                        "The request must carry " + ONE_CLICK + " (RFC 8058 §3.1); use the button on this page."));
                return;
            }
            // scoped to the list of the message's campaign (named in the signed token); the topology merges it with the rest
            writer.put(SuppressionParts.of(Part.of(PartKind.UNSUBSCRIBE, reason(claim.get()), clock.instant(), null,
                    claim.get().listId().orElse(null))).toAvro(claim.get().recipient().normalized()));
            LOG.info("Unsubscribed {} through the one-click link of message {}", masked, claim.get().messageId());
            OneClickPages.send(exchange, 200, OneClickPages.done(masked));
        } catch (SuppressionTopicException e) {
            LOG.warn("{}", e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "1");
            OneClickPages.send(exchange, 503, OneClickPages.problem("Please try again",
                    "Your unsubscribe could not be saved just now. Please press the button again in a moment."));
        }
    }

    private static String reason(UnsubscribeTokens.Claim claim) {
        return "unsubscribe" + claim.campaignId().map(c -> " (campaign " + c
                + claim.listId().map(l -> ", list " + l).orElse("") + ")").orElse("");
    }
}
