package io.mailstream.tracking.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.classify.MachineDetector;
import io.mailstream.tracking.events.EngagementEvents;
import io.mailstream.tracking.events.EngagementSink;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code GET /c/<token>}: 302 to the URL the signed token names, and a {@code CLICKED} event;
 * {@code GET /o/<token>}: a 1×1 transparent GIF, and an {@code OPENED} event. Anything else (a
 * token we did not sign, one altered or cut short, an open token on the click path) gets 404: the
 * target comes only from the signed token, so the endpoint is never an open redirect. HEAD gets
 * the same answer without an event: only link checkers send it.
 */
final class TrackingHandler implements HttpHandler {
    static final String CLICK_PATH = "/c/";
    static final String OPEN_PATH = "/o/";
    /** The smallest transparent GIF (43 bytes). */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final byte[] NOT_FOUND = "not a valid tracking link\n".getBytes(StandardCharsets.US_ASCII);

    private final TrackingTokens tokens;
    private final MachineDetector detector;
    private final EngagementSink sink;
    private final TrackingConfig.Privacy privacy;
    private final Clock clock;

    TrackingHandler(TrackingTokens tokens, MachineDetector detector, EngagementSink sink, TrackingConfig.Privacy privacy, Clock clock) {
        this.tokens = tokens;
        this.detector = detector;
        this.sink = sink;
        this.privacy = privacy;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            Optional<TrackingTokens.Claim> claim = Optional.empty();
            if (path.startsWith(CLICK_PATH)) {
                claim = verify(path.substring(CLICK_PATH.length())).filter(TrackingTokens.Click.class::isInstance);
            } else if (path.startsWith(OPEN_PATH)) {
                claim = verify(path.substring(OPEN_PATH.length())).filter(TrackingTokens.Open.class::isInstance);
            }
            if (claim.isEmpty()) {
                ex.getResponseHeaders().set("Content-Type", "text/plain; charset=us-ascii");
                ex.sendResponseHeaders(404, head ? -1 : NOT_FOUND.length);
                if (!head) {
                    ex.getResponseBody().write(NOT_FOUND);
                }
                return;
            }
            if (!head) {
                // before answering: the send is asynchronous, and the event exists once the person has their redirect
                record(ex, claim.get());
            }
            ex.getResponseHeaders().set("Cache-Control", "no-store, private");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            if (claim.get() instanceof TrackingTokens.Click c) {
                ex.getResponseHeaders().set("Location", c.url().toASCIIString());
                ex.sendResponseHeaders(302, -1);
            } else {
                ex.getResponseHeaders().set("Content-Type", "image/gif");
                ex.sendResponseHeaders(200, head ? -1 : PIXEL.length);
                if (!head) {
                    ex.getResponseBody().write(PIXEL);
                }
            }
        }
    }

    private Optional<TrackingTokens.Claim> verify(String token) {
        return token.indexOf('/') >= 0 ? Optional.empty() : tokens.verify(token);
    }

    private void record(HttpExchange ex, TrackingTokens.Claim claim) {
        Instant now = clock.instant();
        InetAddress client = ex.getRemoteAddress() == null ? null : ex.getRemoteAddress().getAddress();
        String userAgent = ex.getRequestHeaders().getFirst("User-Agent");
        sink.publish(EngagementEvents.of(claim, detector.judge(userAgent, client, claim.sentAt(), now), privacy, client, userAgent, now));
    }
}
