package io.mailstream.dispatcher.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Dkimpy;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ParsedMime;
import io.mailstream.dispatcher.support.PemFiles;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ed25519-sha256 signatures (RFC 8463) checked by an independent verifier: dkimpy (Debian's
 * {@code python3-dkim} with {@code python3-nacl}), fed the TXT record {@code k=ed25519; p=<raw
 * 32-byte key>} a lookup of {@code s2026._domainkey.acme.example} would return. jDKIM 0.5, used for
 * the RSA tests, has no Ed25519; Debian 12's Mail::DKIM (1.20230212) has none either. The
 * verifier tests are skipped, saying so, where dkimpy is not installed.
 */
class Ed25519DkimSignerTest {
    private static final String VERIFY_PY = String.join("\n",
            "import sys, dkim",
            "msg = open(sys.argv[1], 'rb').read()",
            "record = open(sys.argv[2], 'rb').read()",
            "want = sys.argv[3].encode()",
            "def dns(name, timeout=5):",
            "    return record if name.rstrip(b'.') == want else None",
            "ok = dkim.verify(msg, dnsfunc=dns)",
            "print('pass' if ok else 'fail')",
            "sys.exit(0 if ok else 1)",
            "");
    private static KeyPair keys;
    private static Path privateKeyPem;
    private static Path work;

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

    @BeforeAll
    static void makeKey(@TempDir Path dir) throws Exception {
        work = dir;
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        privateKeyPem = PemFiles.writePrivateKey(dir.resolve("acme-ed25519.pem"), keys.getPrivate());
    }

    private static DkimSigner signer() {
        return new DkimSigner(List.of(new DkimKeyConfig(Domain.of("acme.example"), "s2026", privateKeyPem)));
    }

    /** RFC 8463 §4.2: p= is the raw 32-byte public key, the tail of its X.509 SubjectPublicKeyInfo. */
    private static String keyRecord() {
        return Dkimpy.ed25519Record(keys.getPublic());
    }

    private RenderedMessage campaignMessage() {
        Campaign campaign = Fixtures.campaign("c1").build();
        MailMessage m = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann Ünïcode")).build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.of(new CampaignSnapshot(campaign, campaign.getState()))))
                .message();
    }

    private static byte[] bytes(RenderedMessage m) {
        return m.content().toByteArray();
    }

    /** Runs dkimpy on the message; true when it verifies. Skips the test when dkimpy is missing. */
    private static boolean dkimpyVerifies(byte[] message) throws Exception {
        Path record = Files.writeString(work.resolve("record.txt"), keyRecord());
        return Dkimpy.verifies(work, VERIFY_PY, message, List.of(record.toString(), "s2026._domainkey.acme.example"));
    }

    @Test
    void signShouldProduceAnEd25519SignatureThatDkimpyAccepts() throws Exception {
        RenderedMessage signed = signer().sign(campaignMessage());

        String header = ParsedMime.of(signed).getHeader("DKIM-Signature")[0].replaceAll("\r\n[ \t]+", "");
        assertThat(header).contains("a=ed25519-sha256", "c=relaxed/relaxed", "d=acme.example", "s=s2026",
                "h=from:from:to:to:subject:subject:date:date:message-id:list-unsubscribe:list-unsubscribe:"
                        + "list-unsubscribe-post:list-unsubscribe-post:mime-version:content-type");
        assertThat(dkimpyVerifies(bytes(signed))).isTrue();
    }

    @Test
    void dkimpyShouldRejectTheSignatureWhenASignedHeaderIsAltered() throws Exception {
        String signed = new String(bytes(signer().sign(campaignMessage())), StandardCharsets.UTF_8);
        String tampered = signed.replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "List-Unsubscribe-Post: List-Unsubscribe=Two-Clicks");
        assertThat(tampered).isNotEqualTo(signed);

        assertThat(dkimpyVerifies(tampered.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void dkimpyShouldRejectTheSignatureWhenAnOverSignedHeaderIsAdded() throws Exception {
        String signed = new String(bytes(signer().sign(campaignMessage())), StandardCharsets.UTF_8);

        assertThat(dkimpyVerifies(signed.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(dkimpyVerifies(("From: Mallory <mallory@evil.example>\r\n" + signed).getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(dkimpyVerifies(("Reply-To: mallory@evil.example\r\n" + signed).getBytes(StandardCharsets.UTF_8)))
                .as("a Reply-To added above the signed one").isFalse();
    }

    @Test
    void dkimpyShouldRejectTheSignatureWhenTheBodyIsAltered() throws Exception {
        String signed = new String(bytes(signer().sign(campaignMessage())), StandardCharsets.UTF_8);
        String tampered = signed.replace("welcome to", "welcome back to");
        assertThat(tampered).isNotEqualTo(signed);

        assertThat(dkimpyVerifies(tampered.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void ed25519SignatureShouldSurviveSmtpTransfer() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
             SmtpConnection smtp = new SmtpConnection(new SmtpSettings(new SmtpRoute("127.0.0.1", server.port()),
                     "dispatcher.test", Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
            SigningTransport transport = new SigningTransport(signer(), smtp);

            assertThat(transport.send(campaignMessage())).isInstanceOf(DeliveryOutcome.Delivered.class);

            byte[] received = server.received().get(0).data().getBytes(StandardCharsets.UTF_8);
            assertThat(dkimpyVerifies(received)).isTrue();
        }
    }

    @Test
    void relaxedCanonicalisationShouldMatchTheExampleOfRfc6376Section345() {
        assertThat(DomainKeySigner.relaxedHeader("A: X")).isEqualTo("a:X");
        assertThat(DomainKeySigner.relaxedHeader("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
        assertThat(DomainKeySigner.relaxedBody(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
        assertThat(DomainKeySigner.relaxedBody("")).isEmpty();
        assertThat(DomainKeySigner.relaxedBody("no final line end")).isEqualTo("no final line end\r\n");
    }
}
