package io.mailstream.bounces.mailbox;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailstream.bounces.mailbox.MailboxCounters.Outcome;
import io.mailstream.bounces.receive.RecipientPolicy;
import io.mailstream.bounces.support.BounceMailbox;
import io.mailstream.bounces.support.SampleBounces;
import jakarta.mail.Flags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against GreenMail's IMAP and POP3 servers, with a sink that acknowledges or fails on demand. */
class MailboxPollerTest {
    private BounceMailbox mailbox;
    private final RecordingSink sink = new RecordingSink();
    private final MailboxCounters counters = new MailboxCounters();

    @BeforeEach
    void start() {
        mailbox = new BounceMailbox();
    }

    @AfterEach
    void stop() {
        mailbox.close();
    }

    private MailboxConfig imap() {
        return MailboxConfig.of(MailboxProtocol.IMAP, "localhost", mailbox.imapPort(), MailboxTls.NONE, BounceMailbox.LOGIN,
                MailboxPassword.of(BounceMailbox.PASSWORD));
    }

    private MailboxPoller poller(MailboxConfig config) {
        MailboxBounces bounces = new MailboxBounces(new RecipientPolicy(RETURN_PATHS, Set.of()),
                Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC), config.source(), config.host());
        return new MailboxPoller(config, bounces, sink, counters);
    }

    private void deliverDsns(String... ids) {
        for (String id : ids) {
            mailbox.deliver(verp(id), SampleBounces.dsn(id + "@example.org", id, "5.1.1", "550 5.1.1 user unknown"));
        }
    }

    @Test
    void aMessageShouldBeDeletedOnlyAfterKafkaAcknowledgedItAndTheRestLeftForTheNextPoll() {
        deliverDsns("m-1", "m-2", "m-3");
        MailboxPoller poller = poller(imap());
        sink.failAfter(1);

        PollResult first = poller.pollOnce();

        assertThat(first).isEqualTo(new PollResult(1, 0, 2));
        assertThat(sink.stored).extracting(RecordingSink.Stored::key).containsExactly("m-1");
        assertThat(mailbox.flags("INBOX")).as("the two Kafka did not take are still there, untouched").hasSize(2)
                .allSatisfy(f -> assertThat(f.contains(Flags.Flag.SEEN)).isFalse());

        sink.recover();
        assertThat(poller.pollOnce()).isEqualTo(new PollResult(2, 0, 0));
        assertThat(sink.stored).extracting(RecordingSink.Stored::key).containsExactly("m-1", "m-2", "m-3");
        assertThat(mailbox.flags("INBOX")).isEmpty();
        assertThat(counters.count(Outcome.STORED)).isEqualTo(3);
        assertThat(counters.count(Outcome.DEFERRED)).isEqualTo(2);
    }

    @Test
    void aStoredBounceShouldCarryTheSignedReturnPathItWasDeliveredToAsItsEnvelopeRecipientAndItsMailbox() {
        deliverDsns("m-env");

        poller(imap()).pollOnce();

        assertThat(sink.stored).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("m-env");
            assertThat(s.bounce().getEnvelopeTo()).containsExactly(verp("m-env"));
            assertThat(s.bounce().getSource()).isEqualTo("imap:bounces@localhost/INBOX");
            assertThat(new String(s.bounce().getMessage().array())).contains("Final-Recipient: rfc822; m-env@example.org");
        });
    }

    @Test
    void withFlagTheMessagesShouldStayFlaggedAndNotBeStoredAgain() {
        deliverDsns("f-1", "f-2");
        MailboxPoller poller = poller(imap().withAfter(AfterIngest.FLAG, null));

        assertThat(poller.pollOnce().stored()).isEqualTo(2);
        assertThat(poller(imap().withAfter(AfterIngest.FLAG, null)).pollOnce().stored()).as("a restarted poller too").isZero();

        assertThat(sink.stored).hasSize(2);
        assertThat(mailbox.flags("INBOX")).hasSize(2).allSatisfy(f -> {
            assertThat(f.contains(MailboxConfig.INGESTED_KEYWORD)).isTrue();
            assertThat(f.contains(Flags.Flag.SEEN)).isTrue();
        });
    }

    @Test
    void withMoveTheMessagesShouldEndInTheProcessedFolderFlagged() {
        deliverDsns("v-1", "v-2");

        assertThat(poller(imap().withAfter(AfterIngest.MOVE, "Processed")).pollOnce().stored()).isEqualTo(2);

        assertThat(mailbox.flags("INBOX")).isEmpty();
        assertThat(mailbox.flags("Processed")).hasSize(2)
                .allSatisfy(f -> assertThat(f.contains(MailboxConfig.INGESTED_KEYWORD)).isTrue());
    }

    @Test
    void anOversizedMessageShouldBeRefusedOnceFlaggedAndLeftWhileTheOthersAreStored() {
        deliverDsns("small-1");
        mailbox.deliver(verp("big-1"), SampleBounces.dsnReturningLargeMessage("big-1@example.org", "big-1", "5.1.1",
                "550 5.1.1 user unknown", 20_000));
        MailboxConfig config = imap().withMaxMessageBytes(8_000);
        MailboxPoller poller = poller(config);

        assertThat(poller.pollOnce()).isEqualTo(new PollResult(1, 1, 0));
        assertThat(poller.pollOnce()).as("never a loop").isEqualTo(new PollResult(0, 0, 0));
        assertThat(poller(config).pollOnce()).as("nor after a restart: the keyword stays").isEqualTo(new PollResult(0, 0, 0));

        assertThat(sink.stored).extracting(RecordingSink.Stored::key).containsExactly("small-1");
        assertThat(counters.count(Outcome.REFUSED_OVERSIZED)).isEqualTo(1);
        assertThat(mailbox.flags("INBOX")).singleElement()
                .satisfies(f -> assertThat(f.contains(MailboxConfig.REFUSED_KEYWORD)).isTrue());
    }

    @Test
    void pop3ShouldDeleteOnlyWhatKafkaAcknowledged() {
        deliverDsns("p-1", "p-2");
        MailboxConfig pop3 = MailboxConfig.of(MailboxProtocol.POP3, "localhost", mailbox.pop3Port(), MailboxTls.NONE,
                BounceMailbox.LOGIN, MailboxPassword.of(BounceMailbox.PASSWORD));
        MailboxPoller poller = poller(pop3);
        sink.failAfter(1);

        assertThat(poller.pollOnce()).isEqualTo(new PollResult(1, 0, 1));
        assertThat(mailbox.flags("INBOX")).hasSize(1);

        sink.recover();
        assertThat(poller.pollOnce()).isEqualTo(new PollResult(1, 0, 0));
        assertThat(sink.stored).extracting(RecordingSink.Stored::key).containsExactly("p-1", "p-2");
        assertThat(sink.stored.get(0).bounce().getSource()).isEqualTo("pop3:bounces@localhost");
        assertThat(mailbox.flags("INBOX")).isEmpty();
    }

    @Test
    void theIngestionLoopShouldKeepPollingThroughAnOutageAndEmptyTheMailboxOnceKafkaIsBack() {
        deliverDsns("l-1", "l-2");
        sink.failAfter(0);
        MailboxConfig config = imap().withPollInterval(Duration.ofMillis(200));

        try (MailboxIngestion ingestion = MailboxIngestion.start(poller(config), config)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> counters.count(Outcome.DEFERRED) >= 4);
            assertThat(mailbox.flags("INBOX")).hasSize(2);
            sink.recover();
            await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.flags("INBOX").isEmpty());
        }
        assertThat(sink.stored).extracting(RecordingSink.Stored::key).containsExactly("l-1", "l-2");
    }

    @Test
    void aWrongPasswordShouldFailThePollNamingTheMailboxAndBeCounted() {
        MailboxConfig wrong = MailboxConfig.of(MailboxProtocol.IMAP, "localhost", mailbox.imapPort(), MailboxTls.NONE,
                BounceMailbox.LOGIN, MailboxPassword.of("not-it"));

        assertThatThrownBy(() -> poller(wrong).pollOnce()).isInstanceOf(MailboxException.class)
                .hasMessageContaining("imap:bounces@localhost/INBOX");
        assertThat(counters.failedPolls()).isEqualTo(1);
    }
}
