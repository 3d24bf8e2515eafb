package io.mailstream.dispatcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ParsedMime;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import io.mailstream.schemas.verp.VerpCheck;
import io.mailstream.schemas.verp.VerpKeys;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    private final SignedVerp returnPaths = new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t"));
    private final MessageRenderer renderer = new MessageRenderer(returnPaths,
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

    private RenderResult render(Campaign campaign, MailMessage message) {
        return renderer.render(message, Optional.of(new CampaignSnapshot(campaign, campaign.getState())));
    }

    private RenderedMessage rendered(Campaign campaign, MailMessage message) {
        RenderResult r = render(campaign, message);
        assertThat(r).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) r).message();
    }

    @Test
    void renderShouldBuildMultipartAlternativeWithTextFirstAndHtmlLast() throws Exception {
        RenderedMessage m = rendered(Fixtures.campaign("c1").build(),
                Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build());

        MimeMessage mime = ParsedMime.of(m);
        assertThat(mime.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mime.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        MimeBodyPart text = (MimeBodyPart) parts.getBodyPart(0);
        MimeBodyPart html = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(text.getContent()).isEqualTo("Hi Ann, welcome to Acme");
        assertThat(html.getContent()).isEqualTo("<p>Hi Ann, welcome to <b>Acme</b></p>");
        assertThat(mime.getSubject()).isEqualTo("Hello Ann");
    }

    @Test
    void renderShouldEscapeVariablesInHtmlButNotInTextOrSubject() throws Exception {
        RenderedMessage m = rendered(Fixtures.campaign("c1").build(),
                Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "<script>Tom & Jerry</script>")).build());

        MimeMultipart parts = (MimeMultipart) ParsedMime.of(m).getContent();
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("&lt;script&gt;Tom &amp; Jerry&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("<script>Tom & Jerry</script>");
        assertThat(ParsedMime.of(m).getSubject()).isEqualTo("Hello <script>Tom & Jerry</script>");
    }

    @Test
    void renderShouldSetAddressingAndIdentifyingHeaders() throws Exception {
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build();
        RenderedMessage m = rendered(Fixtures.campaign("c1").build(), msg);
        MimeMessage mime = ParsedMime.of(m);

        assertThat(mime.getHeader("From", null)).isEqualTo("Acme News <news@acme.example>");
        assertThat(mime.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("ann@example.com");
        assertThat(mime.getHeader("Reply-To", null)).isEqualTo("support@acme.example");
        assertThat(mime.getHeader("Message-ID", null)).isEqualTo("<" + msg.getMessageId() + "@acme.example>");
        assertThat(mime.getSentDate().toInstant()).isEqualTo(Fixtures.NOW);
        assertThat(mime.getHeader("X-Mailstream-Campaign-Id", null)).isEqualTo("c1");
        assertThat(mime.getHeader("X-Mailstream-Message-Id", null)).isEqualTo(msg.getMessageId());
        assertThat(mime.getHeader("X-Campaign-Tag", null)).isEqualTo("spring");
        assertThat(m.envelopeFrom().asString()).startsWith("bounces+" + msg.getMessageId() + ".t-").endsWith("@bounce.acme.example");
        assertThat(returnPaths.check(m.envelopeFrom())).isEqualTo(new VerpCheck.Signed(msg.getMessageId(), "t"));
        assertThat(m.recipient().asString()).isEqualTo("ann@example.com");
    }

    @Test
    void renderShouldAddOneClickUnsubscribeHeadersPerRfc8058() throws Exception {
        MailMessage msg = Fixtures.campaignMessage("c1", "ann+x@example.com", Map.of("name", "Ann")).build();
        MimeMessage mime = ParsedMime.of(rendered(Fixtures.campaign("c1").build(), msg));

        String header = mime.getHeader("List-Unsubscribe", null).replaceAll("\\r\\n\\s+", " ");
        assertThat(header).isEqualTo("<https://acme.example/unsubscribe?m=" + msg.getMessageId()
                + "&r=ann%2Bx%40example.com>, <mailto:" + returnPaths.unsubscribeAddress(msg.getMessageId()).asString() + ">");
        assertThat(returnPaths.check(returnPaths.unsubscribeAddress(msg.getMessageId())))
                .isEqualTo(new VerpCheck.Unsubscribe(msg.getMessageId(), "t"));
        assertThat(mime.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void campaignMailWithoutItsOwnUrlShouldGetASignedOneClickUrlOnTheUnsubscribeBase() throws Exception {
        MessageRenderer withBase = new MessageRenderer(returnPaths, Optional.of(URI.create("https://mail.acme.example/")),
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        Campaign campaign = Fixtures.campaign("c1").setListUnsubscribeTemplate(null)
                .setTextTemplate("Hi {{name}}. Unsubscribe: {{unsubscribeUrl}}").build();
        MailMessage msg = Fixtures.campaignMessage("c1", "ann+x@example.com", Map.of("name", "Ann")).build();
        RenderResult r = withBase.render(msg, Optional.of(new CampaignSnapshot(campaign, campaign.getState())));
        MimeMessage mime = ParsedMime.of(((RenderResult.Rendered) r).message());

        String header = mime.getHeader("List-Unsubscribe", null).replaceAll("\\r\\n\\s+", " ");
        assertThat(header).startsWith("<https://mail.acme.example/u/");
        String token = header.substring("<https://mail.acme.example/u/".length(), header.indexOf('>'));
        assertThat(new UnsubscribeTokens(returnPaths.keys()).verify(token)).hasValueSatisfying(c -> {
            assertThat(c.messageId()).isEqualTo(msg.getMessageId());
            assertThat(c.recipient().normalized()).isEqualTo("ann+x@example.com");
            assertThat(c.campaignId()).contains("c1");
        });
        assertThat(mime.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(new String(((RenderResult.Rendered) r).message().content().toByteArray(), StandardCharsets.UTF_8))
                .contains("https://mail.acme.example/u/" + token);
    }

    @Test
    void theSignedOneClickTokenShouldCarryTheListOfTheCampaign() throws Exception {
        MessageRenderer withBase = new MessageRenderer(returnPaths, Optional.of(URI.create("https://mail.acme.example/")),
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        Campaign campaign = Fixtures.campaign("c1").setListUnsubscribeTemplate(null).setListId("newsletter").build();
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build();
        RenderResult r = withBase.render(msg, Optional.of(new CampaignSnapshot(campaign, campaign.getState())));
        String header = ParsedMime.of(((RenderResult.Rendered) r).message()).getHeader("List-Unsubscribe", null)
                .replaceAll("\\r\\n\\s+", " ");
        String token = header.substring("<https://mail.acme.example/u/".length(), header.indexOf('>'));

        assertThat(new UnsubscribeTokens(returnPaths.keys()).verify(token)).map(UnsubscribeTokens.Claim::listId)
                .contains(Optional.of("newsletter"));
    }

    @Test
    void aCampaignsOwnUnsubscribeUrlShouldWinOverTheSignedOne() throws Exception {
        MessageRenderer withBase = new MessageRenderer(returnPaths, Optional.of(URI.create("https://mail.acme.example")),
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        Campaign campaign = Fixtures.campaign("c1").build();
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build();
        RenderResult r = withBase.render(msg, Optional.of(new CampaignSnapshot(campaign, campaign.getState())));

        assertThat(ParsedMime.of(((RenderResult.Rendered) r).message()).getHeader("List-Unsubscribe", null))
                .startsWith("<https://acme.example/unsubscribe?");
    }

    @Test
    void renderShouldEncodeNonAsciiSubjectAndChooseTransferEncodings() throws Exception {
        Campaign campaign = Fixtures.campaign("c1").setSubjectTemplate("Grüße, {{name}}! 🌷").build();
        RenderedMessage m = rendered(campaign,
                Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Zoë")).build());
        MimeMessage mime = ParsedMime.of(m);

        String raw = new String(m.content().toByteArray(), StandardCharsets.US_ASCII);
        assertThat(raw).containsPattern("Subject: =\\?UTF-8\\?[QB]\\?");
        assertThat(mime.getSubject()).isEqualTo("Grüße, Zoë! 🌷");
        assertThat(raw).contains("Content-Transfer-Encoding: quoted-printable").contains("Hi Zo=C3=AB");
        assertThat(raw.chars().allMatch(c -> c < 128)).as("wire form is ASCII").isTrue();
    }

    @Test
    void renderShouldKeepEveryHeaderLineWithin998OctetsAndNeverWhitespaceOnly() throws Exception {
        // Long unbreakable words, runs of spaces longer than a line and trailing spaces, in the subject and an extra header.
        String subject = "{{name}} " + "w".repeat(900) + " ".repeat(120) + "end" + " ".repeat(100);
        Campaign campaign = Fixtures.campaign("c1").setSubjectTemplate(subject).build();
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann"))
                .setHeaders(Map.of("X-Ref", "r".repeat(950) + "   " + "s".repeat(950))).build();

        RenderedMessage m = rendered(campaign, msg);

        String raw = new String(m.content().toByteArray(), StandardCharsets.US_ASCII);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(head.split("\r\n")).allSatisfy(line -> {
            assertThat(line.length()).as("line length").isLessThanOrEqualTo(998);
            assertThat(line.isBlank()).as("whitespace-only line").isFalse();
        });
        assertThat(ParsedMime.of(m).getHeader("X-Ref", null).replace("\r\n", ""))
                .isEqualTo("r".repeat(950) + "   " + "s".repeat(950));
    }

    @Test
    void renderShouldRefuseAHeaderWordTooLongForOneLine() {
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann"))
                .setHeaders(Map.of("X-Ref", "r".repeat(1_200))).build();

        assertThat(render(Fixtures.campaign("c1").build(), msg)).isInstanceOfSatisfying(RenderResult.Failed.class,
                f -> assertThat(f.reason()).contains("X-Ref").contains("998"));
    }

    @Test
    void renderShouldRejectCrLfInjectedThroughASubjectVariable() {
        RenderResult r = render(Fixtures.campaign("c1").build(),
                Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann\r\nBcc: victim@example.net")).build());

        assertThat(r).isInstanceOfSatisfying(RenderResult.Failed.class,
                f -> assertThat(f.reason()).contains("subject").contains("CR or LF"));
    }

    @Test
    void renderShouldRejectCrLfInAnExtraHeaderValue() {
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann"))
                .setHeaders(Map.of("X-Ref", "a\nBcc: victim@example.net")).build();

        assertThat(render(Fixtures.campaign("c1").build(), msg)).isInstanceOfSatisfying(RenderResult.Failed.class,
                f -> assertThat(f.reason()).contains("X-Ref").contains("CR or LF"));
    }

    @Test
    void renderShouldRejectAnExtraHeaderThatOverridesADispatcherHeader() {
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann"))
                .setHeaders(Map.of("bcc", "victim@example.net")).build();

        assertThat(render(Fixtures.campaign("c1").build(), msg)).isInstanceOfSatisfying(RenderResult.Failed.class,
                f -> assertThat(f.reason()).contains("bcc"));
    }

    @Test
    void renderShouldRejectARecipientThatFailsSyntax() {
        MailMessage msg = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann"))
                .setTo("ann@@example.com").build();

        assertThat(render(Fixtures.campaign("c1").build(), msg)).isInstanceOfSatisfying(RenderResult.Failed.class,
                f -> assertThat(f.reason()).contains("recipient address is invalid"));
    }

    @Test
    void renderShouldRejectATemplateThatDoesNotCompile() {
        Campaign broken = Fixtures.campaign("c1").setHtmlTemplate("<p>{{#name}}unclosed section</p>").build();

        assertThat(render(broken, Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build()))
                .isInstanceOfSatisfying(RenderResult.Failed.class,
                        f -> assertThat(f.reason()).contains("html template does not compile"));
    }

    @Test
    void renderShouldRejectATemplateThatUsesAnUndefinedVariable() {
        assertThat(render(Fixtures.campaign("c1").build(), Fixtures.campaignMessage("c1", "ann@example.com", Map.of()).build()))
                .isInstanceOfSatisfying(RenderResult.Failed.class,
                        f -> assertThat(f.reason()).contains("template does not render").contains("name"));
    }

    @Test
    void renderShouldSendTransactionalInlineContentAsASinglePartWithoutUnsubscribeHeaders() throws Exception {
        MailMessage msg = Fixtures.transactional("bob@example.org", "Your receipt", "Total: 12 EUR").build();

        RenderResult r = renderer.render(msg, Optional.empty());

        MimeMessage mime = ParsedMime.of(((RenderResult.Rendered) r).message());
        assertThat(mime.getContentType()).startsWith("text/plain");
        assertThat(mime.getContent()).isEqualTo("Total: 12 EUR");
        assertThat(mime.getHeader("From", null)).isEqualTo("Acme Receipts <receipts@acme.example>");
        assertThat(mime.getHeader("List-Unsubscribe")).isNull();
        assertThat(mime.getHeader("X-Mailstream-Campaign-Id")).isNull();
    }

    @Test
    void renderShouldCompileEachCampaignVersionOnce() {
        Campaign campaign = Fixtures.campaign("c1").build();
        TemplateCache cache = new TemplateCache();

        assertThat(cache.compiled(campaign, "m1")).isSameAs(cache.compiled(campaign, "m2"));
        assertThat(cache.compiled(Fixtures.campaign("c1").setVersion(2).build(), "m3"))
                .isNotSameAs(cache.compiled(campaign, "m1"));
    }
}
