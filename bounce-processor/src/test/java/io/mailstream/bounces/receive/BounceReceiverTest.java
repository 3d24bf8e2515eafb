package io.mailstream.bounces.receive;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.SmtpDialog;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.VerpCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BounceReceiverTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final Map<String, RawBounce> stored = new ConcurrentHashMap<>();
    private final List<VerpCheck.Reason> refused = new CopyOnWriteArrayList<>();
    private volatile boolean kafkaDown;
    private BounceReceiver receiver;

    @BeforeEach
    void start() {
        RawBounceSink sink = (key, bounce) -> {
            if (kafkaDown) {
                throw new RawBounceSinkException("mail.bounces.raw", key, new IllegalStateException("broker unreachable"));
            }
            stored.put(key, bounce);
        };
        ReceiverConfig config = ReceiverConfig.of(RETURN_PATHS, 0)
                .withFeedbackAddresses(Set.of(EmailAddress.parse("fbl@bounce.example.com")))
                .withMaxMessageBytes(8 * 1024);
        receiver = BounceReceiver.start(config, sink, Clock.fixed(NOW, ZoneOffset.UTC), refused::add);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldAcceptASignedVerpBounceAndStoreItKeyedByMessageId() throws Exception {
        byte[] dsn = SampleBounces.dsn("alice@example.org", "abc123", "5.1.1", "550 5.1.1 user unknown");
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            assertThat(smtp.send("", verp("abc123").replace("bounce.example.com", "Bounce.Example.com"), dsn)).startsWith("250");
        }
        RawBounce b = stored.get("abc123");
        assertThat(b).isNotNull();
        assertThat(b.getEnvelopeTo()).isEqualTo(List.of(verp("abc123")));
        assertThat(b.getReceivedAt()).isEqualTo(NOW);
        assertThat(b.getSource()).isEqualTo("smtp");
        assertThat(b.getMessage().remaining()).isGreaterThan(dsn.length - 10);
    }

    @Test
    void shouldAcceptConfiguredFeedbackLoopAddress() throws Exception {
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            assertThat(smtp.send("fbl@isp.example.net", "FBL@bounce.example.com", SampleBounces.complaint("bob@example.org", "m2")))
                    .startsWith("250");
        }
        assertThat(stored).containsKey("fbl@bounce.example.com");
    }

    @Test
    void shouldRefuseEveryOtherRecipientWith550SoItIsNoOpenRelay() throws Exception {
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            smtp.command("MAIL FROM:<spammer@example.net>");
            assertThat(smtp.command("RCPT TO:<victim@example.org>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<postmaster@bounce.example.com>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<bounces+x@other.example.com>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<bounces+@bounce.example.com>")).startsWith("550");
        }
        assertThat(stored).isEmpty();
    }

    @Test
    void mailToASignedUnsubscribeAddressShouldBeAcceptedWith250AndStoredKeyedByItsMessage() throws Exception {
        String mailto = RETURN_PATHS.unsubscribeAddress("abc125").asString();
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            assertThat(smtp.send("ann@example.org", mailto, "Subject: unsubscribe\r\n\r\nunsubscribe\r\n".getBytes()))
                    .startsWith("250");
            assertThat(smtp.command("MAIL FROM:<ann@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<unsubscribe+abc125@bounce.example.com>")).as("unsigned").startsWith("550");
        }
        assertThat(stored.get("abc125").getEnvelopeTo()).containsExactly(mailto);
    }

    @Test
    void shouldRefuseUnsignedAndForgedReturnPathsAtRcptWith550AndCountThem() throws Exception {
        String forged = verp("abc123").replace("abc123", "abc124"); // another message's id under this one's MAC
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            smtp.command("MAIL FROM:<>");
            assertThat(smtp.command("RCPT TO:<bounces+abc123@bounce.example.com>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<" + forged + ">")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<" + verp("abc123") + ">")).startsWith("250");
        }
        assertThat(refused).containsExactly(VerpCheck.Reason.UNSIGNED, VerpCheck.Reason.BAD_SIGNATURE);
    }

    @Test
    void truncatedReturnPathsAndUnsubscribeAddressesShouldBeRefusedAt550AndStoreNothing() throws Exception {
        String returnPath = verp("abc126");
        String mailto = RETURN_PATHS.unsubscribeAddress("abc126").asString();
        String cutReturnPath = returnPath.substring(0, returnPath.indexOf('@') - 4) + returnPath.substring(returnPath.indexOf('@'));
        String cutMailto = mailto.substring(0, mailto.indexOf('@') - 4) + mailto.substring(mailto.indexOf('@'));
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            smtp.command("MAIL FROM:<>");
            assertThat(smtp.command("RCPT TO:<" + cutReturnPath + ">")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<" + cutMailto + ">")).startsWith("550 5.7.1");
            assertThat(smtp.command("DATA")).as("no recipient was accepted").startsWith("503");
        }
        assertThat(stored).isEmpty();
        assertThat(refused).hasSize(2).doesNotContain(VerpCheck.Reason.NOT_VERP);
    }

    @Test
    void shouldRefuseAMessageOverTheSizeLimitWith552() throws Exception {
        byte[] big = ("Subject: big\r\n\r\n" + "x".repeat(100) + "\r\n").repeat(200).getBytes();
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            assertThat(smtp.send("", verp("big"), big)).startsWith("552");
        }
        assertThat(stored).isEmpty();
    }

    @Test
    void aHugeMailToTheUnsubscribeAddressShouldGet552AndUnsubscribeNobody() throws Exception {
        BounceReceiver roomy = BounceReceiver.start(ReceiverConfig.of(RETURN_PATHS, 0), (key, bounce) -> stored.put(key, bounce),
                Clock.fixed(NOW, ZoneOffset.UTC), refused::add);
        String mailto = RETURN_PATHS.unsubscribeAddress("abc127").asString();
        byte[] huge = ("Subject: unsubscribe\r\n\r\n" + "> quoted newsletter line, again and again and again\r\n"
                .repeat(BounceSession.MAX_UNSUBSCRIBE_BYTES / 40)).getBytes();
        try (roomy; SmtpDialog smtp = new SmtpDialog("localhost", roomy.port())) {
            assertThat(smtp.send("ann@example.org", mailto, huge)).startsWith("552 5.3.4 an unsubscribe request");
            smtp.command("RSET"); // as MTAs do before reusing a connection (the SMTP library keeps the failed sender)
            assertThat(smtp.send("ann@example.org", mailto, "Subject: unsubscribe\r\n\r\nplease\r\n".getBytes()))
                    .as("a small one on the same connection").startsWith("250");
            assertThat(smtp.send("", verp("abc128"), huge)).as("a bounce of that size is fine").startsWith("250");
        }
        assertThat(stored).containsOnlyKeys("abc127", "abc128");
        assertThat(stored.get("abc127").getMessage().remaining()).as("the small one, not the huge one").isLessThan(1000);
    }

    @Test
    void shouldAnswer451WhenKafkaDoesNotAcknowledge() throws Exception {
        kafkaDown = true;
        try (SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            assertThat(smtp.send("", verp("m1"), SampleBounces.autoReply("a@example.org")))
                    .startsWith("451");
        }
    }
}
