package io.mailstream.dispatcher.render;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.InlineContent;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import java.net.URI;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link MailMessage} into a {@link RenderedMessage} at dispatch time (DESIGN: "Render at
 * dispatch time"): campaign templates with the message's variables, or a transactional message's
 * inline content as given. Anything that makes the message unsendable (an address that fails
 * RFC 5321 syntax, CR/LF headed for a header, a template that does not compile or references a
 * variable the message lacks) comes back as {@link RenderResult.Failed}, never as an exception.
 * The envelope sender is the signed VERP address {@code bounces+<messageId>.<keyId>-<mac>@<bounce domain>}
 * ({@link SignedVerp}).
 */
public final class MessageRenderer {
    private final SignedVerp returnPaths;
    private final Optional<String> unsubscribeBase;
    private final UnsubscribeTokens unsubscribeTokens;
    private final TemplateCache templates = new TemplateCache();
    private final MimeWriter writer;
    private final TrackingSettings tracking;
    private final TrackedLinks trackedLinks;
    private final Clock clock;

    public MessageRenderer(SignedVerp returnPaths, Clock clock) {
        this(returnPaths, Optional.empty(), clock);
    }

    public MessageRenderer(SignedVerp returnPaths, Optional<URI> unsubscribeBaseUrl, Clock clock) {
        this(returnPaths, unsubscribeBaseUrl, TrackingSettings.off(), clock);
    }

    /**
     * @param unsubscribeBaseUrl where the bounce processor's one-click pages are published: campaign
     *                           mail without a List-Unsubscribe URL of its own gets
     *                           {@code <base>/u/<signed token>} (RFC 8058) and the template variable
     *                           {@code unsubscribeUrl}
     * @param tracking           click and open tracking of campaign mail ({@link TrackingSettings})
     */
    public MessageRenderer(SignedVerp returnPaths, Optional<URI> unsubscribeBaseUrl, TrackingSettings tracking, Clock clock) {
        this.returnPaths = returnPaths;
        this.tracking = tracking;
        this.trackedLinks = new TrackedLinks(new TrackingTokens(returnPaths.keys()));
        this.clock = clock;
        this.unsubscribeBase = unsubscribeBaseUrl.map(u -> u.toString().replaceAll("/+$", ""));
        this.unsubscribeTokens = new UnsubscribeTokens(returnPaths.keys());
        this.writer = new MimeWriter(clock);
    }

    /**
     * @param campaign the message's campaign, required when the message has no inline content
     */
    public RenderResult render(MailMessage message, Optional<CampaignSnapshot> campaign) {
        String id = message.getMessageId();
        try {
            HeaderGuard.safeId(id, "messageId", id);
            MimeWriter.Envelope envelope = envelope(message, campaign);
            MessageBytes bytes = writer.write(envelope, content(message, campaign));
            return new RenderResult.Rendered(new RenderedMessage(id, envelope.to(), envelope.returnPath(),
                    envelope.from().domain(), envelope.campaignId(), bytes));
        } catch (RenderException e) {
            return new RenderResult.Failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new RenderResult.Failed("cannot build the MIME message: " + e);
        }
    }

    /** The signed VERP return path (RFC 5321 §4.1.1.2): bounces come back to an address that names the message and only we can make. */
    public EmailAddress verp(String messageId) {
        return returnPaths.returnPath(messageId);
    }

    private MimeWriter.Envelope envelope(MailMessage m, Optional<CampaignSnapshot> campaign) {
        String id = m.getMessageId();
        Optional<Campaign> c = campaign.map(CampaignSnapshot::templates);
        Optional<String> fromName = Optional.ofNullable(m.getFromName())
                .or(() -> c.map(x -> x.getSender().getName()))
                .map(n -> HeaderGuard.singleLine(id, "sender name", n));
        Optional<EmailAddress> replyTo = c.map(Campaign::getReplyTo).map(r -> address(id, "reply-to", r));
        Optional<String> campaignId = Optional.ofNullable(m.getCampaignId())
                .map(cid -> HeaderGuard.singleLine(id, "campaign id", cid));
        Map<String, String> extra = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.ifPresent(x -> x.getHeaders().forEach((k, v) -> extra.put(k, v)));
        extra.putAll(m.getHeaders());
        for (Map.Entry<String, String> h : extra.entrySet()) {
            HeaderGuard.extraHeaderName(id, h.getKey());
            HeaderGuard.singleLine(id, "header " + h.getKey(), h.getValue());
        }
        return new MimeWriter.Envelope(id, campaignId, address(id, "sender", m.getFrom()), fromName,
                address(id, "recipient", m.getTo()), replyTo, verp(id), returnPaths.unsubscribeAddress(id), extra);
    }

    private RenderedContent content(MailMessage m, Optional<CampaignSnapshot> campaign) {
        String id = m.getMessageId();
        InlineContent inline = m.getInline();
        RenderedContent content;
        if (inline != null) {
            content = new RenderedContent(inline.getSubject(), Optional.ofNullable(inline.getHtml()),
                    Optional.ofNullable(inline.getText()), Optional.empty());
        } else if (campaign.isPresent()) {
            content = fromTemplates(m, campaign.get().templates());
        } else {
            throw new RenderException(id, "message has neither inline content nor a campaign to render");
        }
        HeaderGuard.singleLine(id, "subject", content.subject());
        if (content.html().isEmpty() && content.text().isEmpty()) {
            throw new RenderException(id, "message has neither an HTML nor a text body");
        }
        content.listUnsubscribeUrl().ifPresent(u -> {
            HeaderGuard.singleLine(id, "List-Unsubscribe URL", u);
            if (!u.startsWith("https://") && !u.startsWith("http://") || u.contains(">") || u.contains(" ")) {
                throw new RenderException(id, "List-Unsubscribe URL '" + HeaderGuard.printable(u)
                        + "' is not an absolute http(s) URI");
            }
            if (u.chars().anyMatch(c -> c > 0x7e)) {
                throw new RenderException(id, "List-Unsubscribe URL '" + HeaderGuard.printable(u)
                        + "' has non-ASCII characters; percent-encode them (RFC 3986 §2.1)");
            }
        });
        return content;
    }

    private RenderedContent fromTemplates(MailMessage m, Campaign campaign) {
        String id = m.getMessageId();
        CompiledCampaign compiled = templates.compiled(campaign, id);
        Map<String, Object> context = new HashMap<>();
        // Built-ins first, so a message's own variables win; both spellings, because recipient lists
        // use snake_case columns (first_name) and code camelCase.
        context.put("messageId", id);
        context.put("message_id", id);
        context.put("recipient", m.getTo());
        context.put("campaignId", campaign.getId());
        context.put("campaign_id", campaign.getId());
        Optional<String> signedUnsubscribe = unsubscribeBase.map(base -> base + "/u/" + unsubscribeTokens.sign(
                new UnsubscribeTokens.Claim(id, EmailAddress.parse(m.getTo()), Optional.of(campaign.getId()),
                        Optional.ofNullable(campaign.getListId()))));
        signedUnsubscribe.ifPresent(u -> {
            context.put("unsubscribeUrl", u);
            context.put("unsubscribe_url", u);
        });
        context.putAll(m.getVariables());
        // a campaign may still point to its own URL; else the signed one-click page
        Optional<String> listUnsubscribe = compiled.listUnsubscribe()
                .map(t -> execute(id, "listUnsubscribe", t, context).strip()).or(() -> signedUnsubscribe);
        return new RenderedContent(
                execute(id, "subject", compiled.subject(), context).strip(),
                compiled.html().map(t -> tracked(m, campaign, execute(id, "html", t, context), listUnsubscribe, signedUnsubscribe)),
                compiled.text().map(t -> execute(id, "text", t, context)),
                listUnsubscribe);
    }

    /** The HTML part with its links pointing to the tracking endpoint and the open pixel, as the campaign and tenant allow. */
    private String tracked(MailMessage m, Campaign campaign, String html, Optional<String> listUnsubscribe,
                           Optional<String> signedUnsubscribe) {
        if (!tracking.tracks(m.getTenant())) {
            return html;
        }
        boolean clicks = !Boolean.FALSE.equals(campaign.getClickTracking());
        boolean opens = Boolean.TRUE.equals(campaign.getOpenTracking());
        if (!clicks && !opens) {
            return html;
        }
        Set<String> unsubscribe = new HashSet<>();
        listUnsubscribe.ifPresent(unsubscribe::add);
        signedUnsubscribe.ifPresent(unsubscribe::add);
        return trackedLinks.rewrite(html, new TrackedLinks.Request(tracking.base(), m.getMessageId(), Optional.of(campaign.getId()),
                Optional.ofNullable(m.getTenant()), clock.instant(), clicks, opens, unsubscribe));
    }

    private static String execute(String id, String which, Template template, Map<String, Object> context) {
        try {
            return template.execute(context);
        } catch (MustacheException e) {
            throw new RenderException(id, which + " template does not render: " + e.getMessage(), e);
        }
    }

    private static EmailAddress address(String id, String what, String raw) {
        try {
            return EmailAddress.parse(raw);
        } catch (InvalidAddressException e) {
            throw new RenderException(id, what + " address is invalid: " + e.getMessage(), e);
        }
    }
}
