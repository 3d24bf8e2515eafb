package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.InlineContent;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ParsedMime;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.schemas.verp.VerpKeys;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Click and open tracking at render time (issue 18): which links are rewritten, which never are, and who switches it off. */
class TrackedRenderingTest {
    private static final String BASE = "https://t.acme.example";
    private static final Pattern TRACKED = Pattern.compile(Pattern.quote(BASE) + "/([co])/([A-Za-z0-9._-]+)");
    private final SignedVerp returnPaths = new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t"));
    private final TrackingTokens tokens = new TrackingTokens(returnPaths.keys());
    private final String html = """
            <p>Hi {{name}}, see <a href="https://shop.acme.example/sale?x=1&amp;y=2">the sale</a>,
            <a href='https://acme.example/blog'>our blog</a>, <a href="mailto:help@acme.example">mail us</a>,
            <a href="#top">top</a>, <a href="{{unsubscribeUrl}}">leave</a>,
            <a href="https://acme.example/prefs/unsubscribe?id=7">unsubscribe here</a>,
            <a data-mailstream-notrack href="https://acme.example/private">private</a></p>""";

    private MessageRenderer renderer(TrackingSettings tracking) {
        return new MessageRenderer(returnPaths, Optional.of(URI.create("https://mail.acme.example")), tracking,
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    private String htmlPart(MessageRenderer r, Campaign c, MailMessage m) throws Exception {
        RenderResult result = r.render(m, Optional.of(new CampaignSnapshot(c, c.getState())));
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        MimeMultipart parts = (MimeMultipart) ParsedMime.of(((RenderResult.Rendered) result).message()).getContent();
        return (String) parts.getBodyPart(1).getContent();
    }

    private List<TrackingTokens.Claim> claims(String htmlPart) {
        List<TrackingTokens.Claim> out = new ArrayList<>();
        Matcher m = TRACKED.matcher(htmlPart);
        while (m.find()) {
            out.add(tokens.verify(m.group(2)).orElseThrow());
        }
        return out;
    }

    private MailMessage message() {
        return Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build();
    }

    @Test
    void campaignLinksShouldPointToSignedTokensNamingTheMessageAndTheOriginalUrl() throws Exception {
        Campaign c = Fixtures.campaign("c1").setHtmlTemplate(html).setListUnsubscribeTemplate(null).build();
        MailMessage m = message();
        String part = htmlPart(renderer(TrackingSettings.parse(BASE + "/", "")), c, m);

        List<TrackingTokens.Claim> claims = claims(part);
        assertThat(claims).hasSize(2);
        assertThat(claims).allSatisfy(cl -> {
            assertThat(cl.messageId()).isEqualTo(m.getMessageId());
            assertThat(cl.campaignId()).contains("c1");
            assertThat(cl.sentAt()).isEqualTo(Fixtures.NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        });
        assertThat(claims).map(cl -> ((TrackingTokens.Click) cl).url().toString())
                .containsExactly("https://shop.acme.example/sale?x=1&y=2", "https://acme.example/blog");
        assertThat(claims).map(cl -> ((TrackingTokens.Click) cl).linkIndex()).containsExactly(0, 1);
        assertThat(part).contains("href=\"mailto:help@acme.example\"", "href=\"#top\"",
                "href=\"https://mail.acme.example/u/", "href=\"https://acme.example/prefs/unsubscribe?id=7\"",
                "href=\"https://acme.example/private\"", "Hi Ann")
                .doesNotContain("data-mailstream-notrack", "<html", "/o/");
    }

    @Test
    void openTrackingShouldAddOnePixelOnlyWhenTheCampaignAsksForIt() throws Exception {
        Campaign c = Fixtures.campaign("c1").setHtmlTemplate(html).setOpenTracking(true).setClickTracking(false).build();
        String part = htmlPart(renderer(TrackingSettings.parse(BASE, "")), c, message());

        List<TrackingTokens.Claim> claims = claims(part);
        assertThat(claims).singleElement().isInstanceOf(TrackingTokens.Open.class);
        assertThat(part).contains("width=\"1\" height=\"1\"").contains("href=\"https://shop.acme.example/sale?x=1&amp;y=2\"");
    }

    @Test
    void aWholeDocumentShouldKeepItsHeadAndDoctype() throws Exception {
        Campaign c = Fixtures.campaign("c1").setHtmlTemplate("<!DOCTYPE html><html><head><style>p{color:red}</style></head>"
                + "<body><a href=\"https://acme.example/x\">x</a></body></html>").build();
        String part = htmlPart(renderer(TrackingSettings.parse(BASE, "")), c, message());
        assertThat(part).startsWith("<!doctype html>").contains("<style>p{color:red}</style>");
        assertThat(claims(part)).hasSize(1);
    }

    @Test
    void noTrackingWithoutABaseForASwitchedOffCampaignOrTenantOrForTransactionalMail() throws Exception {
        Campaign on = Fixtures.campaign("c1").setHtmlTemplate(html).setOpenTracking(true).build();
        Campaign off = Fixtures.campaign("c1").setHtmlTemplate(html).setClickTracking(false).build();
        MailMessage m = message();
        assertThat(claims(htmlPart(renderer(TrackingSettings.off()), on, m))).isEmpty();
        assertThat(claims(htmlPart(renderer(TrackingSettings.parse(BASE, "")), off, m))).isEmpty();
        assertThat(claims(htmlPart(renderer(TrackingSettings.parse(BASE, "other, default")), on, m))).isEmpty();
        MailMessage acme = message();
        acme.setTenant("acme");
        assertThat(claims(htmlPart(renderer(TrackingSettings.parse(BASE, "acme")), on, acme))).isEmpty();
        assertThat(claims(htmlPart(renderer(TrackingSettings.parse(BASE, "other")), on, acme))).hasSize(3);

        MailMessage transactional = Fixtures.transactional("bob@example.org", "Receipt", "x").build();
        transactional.setInline(InlineContent.newBuilder(transactional.getInline())
                .setHtml("<a href=\"https://acme.example/r\">receipt</a>").build());
        RenderResult r = renderer(TrackingSettings.parse(BASE, "")).render(transactional, Optional.empty());
        assertThat(new String(((RenderResult.Rendered) r).message().content().toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain(BASE);
    }

    @Test
    void aBaseWithAQueryShouldBeRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrackingSettings.parse("https://t.example.com/?x=1", ""))
                .hasMessageContaining("tracking.base-url");
        assertThat(Set.of()).isEmpty();
    }
}
