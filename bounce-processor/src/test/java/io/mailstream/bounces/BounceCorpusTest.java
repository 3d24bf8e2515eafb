package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailstream.bounces.corpus.BounceCorpus;
import io.mailstream.bounces.corpus.CorpusScore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Accuracy over the labelled corpus of real bounces (see shared/bounces/README.md). */
class BounceCorpusTest {
    // Targets of issue 6: 0.95 (hard/soft) and 0.90 (reason); status has no target, its floor sits
    // just under the measured value so that a regression fails. Measured on 2026-11-23: hard/soft
    // 0.963 (498/517), reason 0.903 (467/517), status 0.981 (371/378).
    private static final double HARD_SOFT_FLOOR = 0.95;
    private static final double REASON_FLOOR = 0.90;
    private static final double STATUS_FLOOR = 0.975;

    @Test
    void classifierShouldAgreeWithCorpusLabels() {
        Optional<Path> dir = BounceCorpus.locate();
        assumeTrue(dir.isPresent(), "bounce corpus not found: set -D" + BounceCorpus.DIR_PROPERTY
                + "=<folder with manifest.tsv> or place it at ../shared/bounces; skipping");
        CorpusScore score = CorpusScore.score(BounceCorpus.load(dir.get()), new BounceClassifier());
        String report = String.format("rows=%d hard/soft=%.3f reason=%.3f status=%.3f%nconfusion (expected -> got):%n%s%nmisses:%n%s",
                score.rows(), score.hardAccuracy(), score.reasonAccuracy(), score.statusAccuracy(),
                score.confusionTable(), String.join("\n", score.misses()));
        System.out.println(report);
        assertThat(score.hardAccuracy()).as(report).isGreaterThanOrEqualTo(HARD_SOFT_FLOOR);
        assertThat(score.reasonAccuracy()).as(report).isGreaterThanOrEqualTo(REASON_FLOOR);
        assertThat(score.statusAccuracy()).as(report).isGreaterThanOrEqualTo(STATUS_FLOOR);
    }
}
