package io.mailstream.dispatcher.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.render.RenderResult;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.ParsedMime;
import io.mailstream.dispatcher.support.PemFiles;
import io.mailstream.dispatcher.support.ScriptedSmtpServer;
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
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signatures are checked with Apache James jDKIM, a verifier independent of the signing library,
 * fed the public key record a DNS TXT lookup of {@code s2026._domainkey.acme.example} would return.
 */
class DkimSignerTest {
    private static KeyPair keys;
    private static Path privateKeyPem;

    private final MessageRenderer renderer = new MessageRenderer(new SignedVerp(Domain.of("bounce.acme.example"), VerpKeys.generate("t")),
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

    @BeforeAll
    static void makeKey(@TempDir Path dir) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        keys = kpg.generateKeyPair();
        privateKeyPem = PemFiles.writePrivateKey(dir.resolve("acme.pem"), keys.getPrivate());
    }

    private static DkimSigner signer() {
        return new DkimSigner(List.of(new DkimKeyConfig(Domain.of("acme.example"), "s2026", privateKeyPem)));
    }

    /** The TXT record (RFC 6376 §3.6.1) for the key, served only for the right selector and domain. */
    private static DKIMVerifier verifier() {
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        PublicKeyRecordRetriever dns = (method, selector, token) -> {
            if ("s2026".contentEquals(selector) && "acme.example".contentEquals(token)) {
                return List.of(record);
            }
            throw new PermFailException("no key record for " + selector + "._domainkey." + token);
        };
        return new DKIMVerifier(dns);
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

    @Test
    void signShouldProduceASignatureAnIndependentVerifierAccepts() throws Exception {
        RenderedMessage signed = signer().sign(campaignMessage());

        List<SignatureRecord> valid = verifier().verify(new ByteArrayInputStream(bytes(signed)));

        assertThat(valid).singleElement().satisfies(sig -> {
            assertThat(sig.getDToken()).hasToString("acme.example");
            assertThat(sig.getSelector()).hasToString("s2026");
            assertThat(sig.getHashAlgo()).hasToString("sha-256");
            assertThat(sig.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
            assertThat(sig.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
            assertThat(sig.getHeaders()).map(h -> h.toString().toLowerCase(java.util.Locale.ROOT))
                    .contains("from", "to", "subject", "date", "message-id", "list-unsubscribe",
                            "list-unsubscribe-post", "mime-version", "content-type");
        });
    }

    @Test
    void signatureShouldSurviveSmtpTransfer() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
             SmtpConnection smtp = new SmtpConnection(new SmtpSettings(new SmtpRoute("127.0.0.1", server.port()),
                     "dispatcher.test", Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
            SigningTransport transport = new SigningTransport(signer(), smtp);

            assertThat(transport.send(campaignMessage())).isInstanceOf(DeliveryOutcome.Delivered.class);

            byte[] received = server.received().get(0).data().getBytes(StandardCharsets.UTF_8);
            assertThat(verifier().verify(new ByteArrayInputStream(received))).hasSize(1);
            assertThat(server.received().get(0).envelopeFrom()).startsWith("bounces+");
        }
    }

    @Test
    void verificationShouldFailWhenASignedHeaderIsAltered() throws Exception {
        String signed = new String(bytes(signer().sign(campaignMessage())), StandardCharsets.UTF_8);
        String tampered = signed.replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "List-Unsubscribe-Post: List-Unsubscribe=Two-Clicks");
        assertThat(tampered).isNotEqualTo(signed);

        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(FailException.class);
    }

    @ParameterizedTest(name = "adding a {0} header")
    @ValueSource(strings = {"From: Mallory <mallory@evil.example>", "Subject: Your account is locked",
            "To: someone-else@example.com", "Reply-To: mallory@evil.example", "Date: Mon, 1 Jan 2024 00:00:00 +0000",
            "List-Unsubscribe: <https://evil.example/u>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"})
    void verificationShouldFailWhenAnOverSignedHeaderIsAdded(String added) throws Exception {
        String signed = new String(bytes(signer().sign(campaignMessage())), StandardCharsets.UTF_8);
        // Above the signature, where a forwarder or attacker prepends; the verifier takes the bottom-most instance first.
        String tampered = added + "\r\n" + signed;

        assertThat(verifier().verify(new ByteArrayInputStream(signed.getBytes(StandardCharsets.UTF_8)))).hasSize(1);
        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(FailException.class);
    }

    @Test
    void signatureShouldListEachOverSignedHeaderOnceMoreThanItOccurs() throws Exception {
        RenderedMessage signed = signer().sign(campaignMessage());

        SignatureRecord sig = verifier().verify(new ByteArrayInputStream(bytes(signed))).getFirst();

        Map<String, Long> counts = sig.getHeaders().stream().map(h -> h.toString().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.groupingBy(h -> h, java.util.stream.Collectors.counting()));
        MimeMessageCounts present = new MimeMessageCounts(bytes(signed));
        for (String name : DkimSigner.OVER_SIGNED_HEADERS) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            assertThat(counts.getOrDefault(lower, 0L)).as("%s in h=", name).isEqualTo(present.count(name) + 1L);
        }
        assertThat(counts.get("message-id")).as("not over-signed").isEqualTo(1L);
    }

    @Test
    void anOverSignedHeaderTheMessageLacksShouldStillBeListedSoAddingItBreaksTheSignature() throws Exception {
        MailMessage m = Fixtures.transactional("ann@example.com", "Receipt", "Thanks").setFrom("receipts@acme.example").build();
        RenderedMessage message = ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();
        String signed = new String(bytes(signer().sign(message)), StandardCharsets.UTF_8);
        assertThat(new MimeMessageCounts(bytes(message)).count("List-Unsubscribe")).isZero();

        assertThat(verifier().verify(new ByteArrayInputStream(signed.getBytes(StandardCharsets.UTF_8)))).singleElement()
                .satisfies(sig -> assertThat(sig.getHeaders()).map(h -> h.toString().toLowerCase(java.util.Locale.ROOT))
                        .containsOnlyOnce("list-unsubscribe"));
        String tampered = "List-Unsubscribe: <https://evil.example/u>\r\n" + signed;
        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(FailException.class);
    }

    @Test
    void theSignatureFieldShouldBeFoldedIntoShortLines() throws Exception {
        String signed = new String(bytes(signer().sign(campaignMessage())), StandardCharsets.US_ASCII);
        String field = signed.substring(0, signed.indexOf("\r\n", signed.indexOf("\tb=")));

        assertThat(field.split("\r\n")).hasSizeGreaterThan(3)
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(78));
    }

    /** How often a header field occurs in the (unsigned part of the) message head. */
    private record MimeMessageCounts(byte[] message) {
        long count(String name) {
            String text = new String(message, StandardCharsets.ISO_8859_1);
            String head = text.substring(0, text.indexOf("\r\n\r\n"));
            return java.util.Arrays.stream(head.split("\r\n"))
                    .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).count();
        }
    }

    @Test
    void signShouldKeepTheMessageIdAndEnvelope() throws Exception {
        RenderedMessage original = campaignMessage();

        RenderedMessage signed = signer().sign(original);

        assertThat(ParsedMime.of(signed).getMessageID()).isEqualTo(ParsedMime.of(original).getMessageID());
        assertThat(signed.envelopeFrom()).isEqualTo(original.envelopeFrom());
        assertThat(ParsedMime.of(signed).getHeader("DKIM-Signature")).hasSize(1);
    }

    @Test
    void signShouldLeaveMessagesFromDomainsWithoutAKeyUnsigned() throws Exception {
        MailMessage m = Fixtures.transactional("ann@example.com", "Receipt", "Thanks").setFrom("receipts@other.example")
                .build();
        RenderedMessage message = ((RenderResult.Rendered) renderer.render(m, Optional.empty())).message();

        assertThat(signer().sign(message)).isSameAs(message);
    }

    @Test
    void keyConfigShouldFailAtStartWhenTheFileIsNotAPkcs8Key(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new DkimSigner(List.of(new DkimKeyConfig(Domain.of("acme.example"), "s1", bogus))))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("dkim.acme.example.private-key"));
    }
}
