package io.mailstream.dispatcher.render;

import io.mailstream.schemas.verp.TrackingTokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Rewrites the links of one rendered HTML part to the tracking endpoint and adds the open pixel,
 * with a real HTML parser (jsoup), never patterns over markup: attributes in any quoting, entities
 * and comments are what a browser would see.
 *
 * <p>Left as they are: links that are not absolute http(s) ({@code mailto:}, {@code tel:}, anchors,
 * relative), unsubscribe links (the message's own List-Unsubscribe URL, the one-click page, any URL
 * containing "unsubscribe": a person leaving a list must not pass through a tracker, and a tracked
 * unsubscribe would count as engagement), and anchors marked {@code data-mailstream-notrack}.
 */
final class TrackedLinks {
    static final String NO_TRACK_ATTRIBUTE = "data-mailstream-notrack";

    private final TrackingTokens tokens;

    TrackedLinks(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    /** What to track in one message, and the URLs that must stay as they are. */
    record Request(String base, String messageId, Optional<String> campaignId, Optional<String> tenant, Instant sentAt,
                   boolean clicks, boolean opens, Set<String> unsubscribeUrls) {
    }

    String rewrite(String html, Request r) {
        boolean whole = html.regionMatches(true, 0, "<!doctype", 0, 9) || html.toLowerCase(Locale.ROOT).contains("<html");
        Document doc = whole ? Jsoup.parse(html) : Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        if (r.clicks()) {
            int index = 0;
            for (Element a : doc.select("a[href], area[href]")) {
                if (a.hasAttr(NO_TRACK_ATTRIBUTE)) {
                    a.removeAttr(NO_TRACK_ATTRIBUTE);
                    continue;
                }
                Optional<URI> target = trackable(a.attr("href").strip(), r.unsubscribeUrls());
                if (target.isPresent()) {
                    a.attr("href", r.base() + "/c/" + tokens.sign(new TrackingTokens.Click(r.messageId(), r.campaignId(),
                            r.tenant(), r.sentAt(), index++, target.get())));
                }
            }
        }
        if (r.opens()) {
            doc.body().appendElement("img")
                    .attr("src", r.base() + "/o/" + tokens.sign(new TrackingTokens.Open(r.messageId(), r.campaignId(), r.tenant(), r.sentAt())))
                    .attr("width", "1").attr("height", "1").attr("alt", "")
                    .attr("style", "display:block;border:0;width:1px;height:1px");
        }
        return whole ? doc.outerHtml() : doc.body().html();
    }

    private static Optional<URI> trackable(String href, Set<String> unsubscribeUrls) {
        if (href.isEmpty() || unsubscribeUrls.contains(href) || href.toLowerCase(Locale.ROOT).contains("unsubscribe")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(href);
            return TrackingTokens.isRedirectable(uri) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty(); // a broken link stays broken, as the author wrote it
        }
    }
}
