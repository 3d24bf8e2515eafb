package io.mailstream.dispatcher.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.support.Dkimpy;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ParsedMime;
import io.mailstream.dispatcher.support.PemFiles;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One domain with an RSA and an Ed25519 key (RFC 8463 §4 dual signing): each signature is checked
 * on its own by dkimpy (both algorithms), and the RSA one also by Apache James jDKIM.
 */
class DualDkimSigningTest {
    private static final String VERIFY_EACH_PY = String.join("\n",
            "import sys, dkim",
            "msg = open(sys.argv[1], 'rb').read()",
            "records = {}",
            "for pair in sys.argv[2:]:",
            "    name, path = pair.split('=', 1)",
            "    records[name.encode()] = open(path, 'rb').read()",
            "def dns(name, timeout=5):",
            "    return records.get(name.rstrip(b'.'))",
            "d = dkim.DKIM(msg)",
            "count = len([h for h in d.headers if h[0].lower() == b'dkim-signature'])",
            "results = [d.verify(idx=i, dnsfunc=dns) for i in range(count)]",
            "print(count, results)",
            "sys.exit(0 if count == 2 and all(results) else 1)",
            "");
    private static KeyPair rsa;
    private static KeyPair ed25519;
    private static Path rsaPem;
    private static Path ed25519Pem;
    private static Path work;

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

    @BeforeAll
    static void makeKeys(@TempDir Path dir) throws Exception {
        work = dir;
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rsaPem = PemFiles.writePrivateKey(dir.resolve("rsa.pem"), rsa.getPrivate());
        ed25519Pem = PemFiles.writePrivateKey(dir.resolve("ed25519.pem"), ed25519.getPrivate());
    }

    private static DkimSigner dualSigner() {
        return new DkimSigner(List.of(
                new DkimKeyConfig(Domain.of("acme.example"), "rsa2026", rsaPem),
                new DkimKeyConfig(Domain.of("acme.example"), "ed2026", ed25519Pem)));
    }

    private static String rsaRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded());
    }

    private RenderedMessage campaignMessage() {
        Campaign campaign = Fixtures.campaign("c1").build();
        MailMessage m = Fixtures.campaignMessage("c1", "ann@example.com", Map.of("name", "Ann")).build();
        return ((RenderResult.Rendered) renderer.render(m, Optional.of(new CampaignSnapshot(campaign, campaign.getState()))))
                .message();
    }

    @Test
    void aDomainWithTwoKeysShouldGetOneSignaturePerKey() throws Exception {
        RenderedMessage signed = dualSigner().sign(campaignMessage());

        String[] signatures = ParsedMime.of(signed).getHeader("DKIM-Signature");
        assertThat(signatures).hasSize(2);
        assertThat(signatures[0]).contains("a=rsa-sha256", "s=rsa2026", "d=acme.example");
        assertThat(signatures[1]).contains("a=ed25519-sha256", "s=ed2026", "d=acme.example");
    }

    @Test
    void theRsaSignatureOfADualSignedMessageShouldVerifyWithJdkim() throws Exception {
        byte[] signed = dualSigner().sign(campaignMessage()).content().toByteArray();
        PublicKeyRecordRetriever dns = (method, selector, token) -> {
            if ("rsa2026".contentEquals(selector) && "acme.example".contentEquals(token)) {
                return List.of(rsaRecord());
            }
            throw new PermFailException("no RSA key record for " + selector + "._domainkey." + token);
        };

        assertThat(new DKIMVerifier(dns).verify(new ByteArrayInputStream(signed)))
                .anySatisfy(sig -> assertThat(sig.getSelector()).hasToString("rsa2026"));
    }

    @Test
    void bothSignaturesShouldVerifyWithDkimpyAndFailWhenTheBodyChanges() throws Exception {
        byte[] signed = dualSigner().sign(campaignMessage()).content().toByteArray();
        assertThat(dkimpyVerifiesEach(signed)).isTrue();

        String tampered = new String(signed, StandardCharsets.US_ASCII).replace("welcome to", "welcome back to");
        assertThat(dkimpyVerifiesEach(tampered.getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void oneSelectorConfiguredTwiceForADomainShouldBeRefused() {
        assertThatThrownBy(() -> new DkimSigner(List.of(
                new DkimKeyConfig(Domain.of("acme.example"), "s1", rsaPem),
                new DkimKeyConfig(Domain.of("acme.example"), "s1", ed25519Pem))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("s1");
    }

    private static boolean dkimpyVerifiesEach(byte[] message) throws Exception {
        Path rsaTxt = Files.writeString(work.resolve("rsa.txt"), rsaRecord());
        Path edTxt = Files.writeString(work.resolve("ed.txt"), Dkimpy.ed25519Record(ed25519.getPublic()));
        return Dkimpy.verifies(work, VERIFY_EACH_PY, message,
                List.of("rsa2026._domainkey.acme.example=" + rsaTxt, "ed2026._domainkey.acme.example=" + edTxt));
    }
}
