package io.mailstream.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out orchestration of {@code mailstream bench scale-out}, small: 3 brokers, registry, sink,
 * launch and 2 dispatchers each in their own JVM, one dispatcher and the coordinator broker SIGKILLed
 * mid-campaign. Nothing may be lost, every message must have exactly one terminal event (the
 * dispatcher's sent-ledger reads back the outcomes the killed owner wrote after its last commit), no
 * partition may have two owners at once; repeated SMTP transactions may not exceed the transactions the
 * killed dispatcher had in flight, outcome not yet durable, when it was killed (from the sink's transaction log).
 */
class ScaleOutIT {
    private static final int MESSAGES = 2000;
    /** Published before any dispatcher runs: all but the last part (a quarter with 2 dispatchers). */
    private static final int FIRST_PART = MESSAGES - MESSAGES / 4;

    @TempDir
    Path work;

    @Test
    void killingADispatcherAndABrokerMidCampaignShouldLoseNothing() {
        // A 10 s session instead of Kafka's 45 s: the victim's partitions move 35 s sooner; what is judged
        // (nothing lost, repeats within the transactions in flight) does not depend on when they move.
        ScaleOutConfig config = new ScaleOutConfig(MESSAGES, 6, 24, 3, 2, Duration.ofSeconds(2), Duration.ofMinutes(12),
                Duration.ofSeconds(10), work, java.util.Optional.of(work.resolve("pids")));

        // C1 only: this run judges what was lost and repeated, not a rate, and C2's compiles cost it a fifth of its CPU.
        ScaleOutResult result = ScaleOutRun.run(config, JitMode.QUICK_START);
        ScaleOutReport.print(result, new PrintWriter(System.out, true, StandardCharsets.UTF_8));

        Verdict v = result.verdict();
        assertThat(v.published()).isEqualTo(MESSAGES);
        assertThat(v.lost()).as("recipients the sink never saw: %s", v.examples()).isZero();
        assertThat(v.recipientsDelivered()).isEqualTo(MESSAGES);
        assertThat(v.missingTerminal()).as("examples: %s", v.examples()).isZero();
        assertThat(v.messagesWithSeveralTerminal()).as("examples: %s", v.examples()).isZero();
        assertThat(v.duplicateTerminalEvents()).isZero();
        assertThat(v.duplicateDeliveries()).as("SMTP repeats may not exceed the transactions in flight at the kill")
                .isLessThanOrEqualTo(v.inFlightAtKills());
        assertThat(v.ok()).isTrue();
        assertThat(v.ownershipSamples()).isPositive();
        assertThat(v.ownershipViolations()).isZero();
        assertThat(result.killedDispatcher()).startsWith("dispatcher-");
        assertThat(result.killedBroker()).startsWith("kafka-");

        List<PhaseResult> phases = result.phases();
        assertThat(phases).extracting(PhaseResult::name).containsExactly("launch, no dispatcher", "dispatcher-1 joining",
                "1 dispatcher", "dispatcher-2 joining", "2 dispatchers", "launch of the last part", "after SIGKILL");
        assertThat(phases).extracting(PhaseResult::dispatchers).containsExactly(0, 1, 1, 2, 2, 2, 1);
        assertThat(phases).extracting(PhaseResult::brokers).containsExactly(3, 3, 3, 3, 3, 3, 2);
        assertThat(phases.get(0).messagesDone()).as("nothing is delivered before a dispatcher runs").isZero();
        assertThat(phases.get(0).lagAtEnd()).as("the first part's backlog with no dispatcher").isEqualTo(FIRST_PART);
        assertThat(phases.get(phases.size() - 1).lagAtEnd()).isZero();
        assertThat(phases.stream().mapToLong(PhaseResult::messagesDone).sum()).isEqualTo(MESSAGES);
        // Lag rose to the backlog with no dispatcher, then drained once they came.
        assertThat(result.lag()).anySatisfy(p -> assertThat(p.dispatchers()).isZero())
                .anySatisfy(p -> assertThat(p.lag()).isEqualTo(FIRST_PART))
                .anySatisfy(p -> assertThat(p.dispatchers()).isPositive());
    }
}
