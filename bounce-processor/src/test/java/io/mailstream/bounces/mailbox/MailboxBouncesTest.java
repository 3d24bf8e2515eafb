package io.mailstream.bounces.mailbox;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.receive.RecipientPolicy;
import io.mailstream.schemas.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailboxBouncesTest {
    private final MailboxBounces bounces = new MailboxBounces(
            new RecipientPolicy(RETURN_PATHS, Set.of(EmailAddress.parse("fbl@bounce.example.com"))),
            Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC), "imap:b@h/INBOX", "h");

    private MailboxBounces.Keyed of(String text) {
        return bounces.of(text.getBytes(StandardCharsets.UTF_8), "imap:7.1");
    }

    @Test
    void onlySignedReturnPathsAndFeedbackAddressesShouldBecomeEnvelopeRecipientsKeyedByTheSignedMessageId() {
        MailboxBounces.Keyed k = of("Delivered-To: bounces@bounce.example.com\r\nX-Original-To: " + verp("m-9") + "\r\n"
                + "To: bounces+forged.t1-AAAA@bounce.example.com, fbl@bounce.example.com\r\nReturn-Path: <>\r\n"
                + "Subject: x\r\n\r\nbody\r\n");

        assertThat(k.key()).isEqualTo("m-9");
        assertThat(k.bounce().getEnvelopeTo()).containsExactly(verp("m-9"), "fbl@bounce.example.com");
        assertThat(k.bounce().getEnvelopeFrom()).isEmpty();
        assertThat(k.bounce().getSource()).isEqualTo("imap:b@h/INBOX");
        assertThat(k.bounce().getReceivedAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void aMessageNamingNoAddressOfOursShouldBeKeptWithNoRecipientKeyedByItsMessageIdSoTheTopologyCountsIt() {
        MailboxBounces.Keyed k = of("To: someone@example.org\r\nMessage-ID: <abc@mx>\r\n\r\nhello\r\n");

        assertThat(k.bounce().getEnvelopeTo()).isEmpty();
        assertThat(k.key()).isEqualTo("<abc@mx>");
    }

    @Test
    void aMessageWithoutHeadersShouldStillBeStoredUnderTheFallbackKey() {
        byte[] garbage = {(byte) 0xff, 0, 1, 2, '\r', '\n', 'x'};

        MailboxBounces.Keyed k = bounces.of(garbage, "imap:7.1");

        assertThat(k.key()).isEqualTo("imap:7.1");
        assertThat(k.bounce().getMessage().array()).isEqualTo(garbage);
    }
}
