package io.mailstream.bounces.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Addresses with a non-ASCII local part (RFC 6531 §3.3) in bounces: read whole, never from their first ASCII letter
 * on, which would name someone else's address ("jörg@example.org" is not "rg@example.org"). Synthetic reports.
 */
class InternationalisedAddressesTest {

    @Test
    void aLocalPartWithLettersBeyondAsciiShouldBeReadWhole() {
        assertThat(addresses("550 5.1.1 <jörg@example.org>: Recipient address rejected")).containsExactly("jörg@example.org");
        assertThat(addresses("To: андрей@example.org")).containsExactly("андрей@example.org");
        // a decomposed umlaut: o followed by U+0308 COMBINING DIAERESIS
        assertThat(addresses("jo\u0308rg@example.org")).containsExactly("jo\u0308rg@example.org");
    }

    @Test
    void wordsOfAScriptWrittenWithoutBlanksShouldNotBeReadAsPartOfTheAddressBeside() {
        assertThat(addresses("宛先anne@example.jp は存在しません")).containsExactly("anne@example.jp");
        assertThat(addresses("收件人anne@example.cn不存在")).containsExactly("anne@example.cn");
        assertThat(addresses("受信者：anne@example.jp")).containsExactly("anne@example.jp");
    }

    @Test
    void aUtf8FinalRecipientShouldBeReadWholeInEitherForm() throws Exception {
        String raw = """
                From: MAILER-DAEMON@mx.example.com
                To: sender@example.com
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                Your message could not be delivered.

                --b
                Content-Type: %s; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: utf-8; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown

                --b--
                """;
        // RFC 6533 §3: raw UTF-8 in message/global-delivery-status, \x{HHHH} in message/delivery-status
        assertThat(recipients(raw.formatted("message/global-delivery-status", "jörg@example.org")))
                .containsExactly("jörg@example.org");
        assertThat(recipients(raw.formatted("message/delivery-status", "j\\x{00F6}rg@example.org")))
                .containsExactly("jörg@example.org");
        assertThat(recipients(raw.formatted("message/delivery-status", "j\\x{D800}rg@example.org")))
                .as("an escape naming no character: the field as written, never an address read from inside it")
                .containsExactly("j\\x{d800}rg@example.org");
    }

    @Test
    void unicodeEscapesShouldDecodeCodePointsAndLeaveAnythingElseAsWritten() {
        assertThat(DeliveryStatusReader.decodeUnicodeEscapes("j\\x{F6}rg")).isEqualTo("jörg");
        assertThat(DeliveryStatusReader.decodeUnicodeEscapes("\\x{1F600}@x")).isEqualTo("\uD83D\uDE00@x");
        assertThat(DeliveryStatusReader.decodeUnicodeEscapes("a\\x{zz}b\\x{110000}c\\x{DC00}d\\x{"))
                .isEqualTo("a\\x{zz}b\\x{110000}c\\x{DC00}d\\x{");
    }

    private static List<String> addresses(String text) {
        return Addresses.findAll(text).stream().map(Addresses.Found::address).toList();
    }

    private static List<String> recipients(String raw) throws Exception {
        List<String> problems = new ArrayList<>();
        ParsedBounce parsed = new BounceParser(BounceLimits.DEFAULTS).parse(raw.getBytes(StandardCharsets.UTF_8), problems);
        return parsed.recipients().stream().map(RecipientEvidence::recipient).toList();
    }
}
