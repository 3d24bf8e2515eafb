package io.mailstream.bounces.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceLimits;
import io.mailstream.bounces.classify.MtaFamily;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Leave-one-family-out evaluation on the labelled corpus (../shared/bounces; skipped where absent).
 * Floors sit just under the figures measured on 2026-12-04 (branch cls17l: pooled 91.1 %, mean over
 * families 93.5 %; raised after branch rsnA: pooled 90.5 %, mean 93.4 %; the mean raised to 0.935 by branch rhD at 93.8 % over 31 families, two of them new; raised by branch rsn2 at pooled 91.3 %, mean 94.0 %: pooled 0.91, mean 0.938) so that a regression fails; see docs/benchmarks.md for the numbers. Issue 16's target is asserted as stated: the pooled held-out
 * reason accuracy within 3 points of the whole-corpus one.
 */
class LeaveOneFamilyOutTest {
    private static final double MEAN_FAMILY_REASON_FLOOR = 0.938;
    private static final double POOLED_REASON_FLOOR = 0.91;
    private static final double MAX_POOLED_GAP = 0.03;
    /** Soft failures suppressed at once (low-confidence hard calls are held), issue 16's target. */
    private static final double SOFT_TO_HARD_AFTER_HOLD_CEILING = 0.02;
    /**
     * Soft failures called hard at all (the hard flag, held or not): 5/334 = 1.5 % measured on
     * 2026-12-04 (branch cls16c; 9 before). Issue 16's target is under 2 % (at most 6 rows); the
     * ceiling is the measured count, so that any new soft failure called hard fails the test.
     */
    private static final int SOFT_TO_HARD_FLAG_CEILING_ROWS = 5;

    @Test
    void everyFamilyHeldOutInTurnShouldStayNearTheWholeCorpusAndRarelyCallSoftFailuresHard() {
        Optional<Path> dir = BounceCorpus.locate();
        assumeTrue(dir.isPresent(), "bounce corpus not found: set -D" + BounceCorpus.DIR_PROPERTY
                + "=<folder with manifest.tsv> or place it at ../shared/bounces; skipping");
        BounceCorpus corpus = BounceCorpus.load(dir.get());
        CorpusScore whole = CorpusScore.score(corpus, new BounceClassifier());
        LeaveOneFamilyOut lofo = LeaveOneFamilyOut.evaluate(corpus, BounceLimits.DEFAULTS, 5);
        String report = String.format("whole %.3f pooled %.3f mean %.3f worst %s softToHard %.3f after hold %.3f / lofo %.3f%n%s",
                whole.reasonAccuracy(), lofo.pooledReasonAccuracy(), lofo.meanFamilyReasonAccuracy(),
                lofo.worst().map(w -> w.family() + " " + w.heldOut().reasonAccuracy()).orElse("-"),
                whole.hardSoft().softToHardRate(), whole.hardSoft().softToHardAfterHoldRate(),
                lofo.pooledSoftToHardAfterHoldRate(), lofo.table());
        System.out.println(report);

        assertThat(lofo.families()).as(report).hasSizeGreaterThanOrEqualTo(15);
        assertThat(lofo.families().stream().mapToInt(LeaveOneFamilyOut.FamilyResult::rows).sum())
                .as("every row judged once").isEqualTo(corpus.rows().size());
        assertThat(lofo.meanFamilyReasonAccuracy()).as(report).isGreaterThanOrEqualTo(MEAN_FAMILY_REASON_FLOOR);
        assertThat(lofo.pooledReasonAccuracy()).as(report).isGreaterThanOrEqualTo(POOLED_REASON_FLOOR);
        assertThat(whole.reasonAccuracy() - lofo.pooledReasonAccuracy()).as(report).isLessThan(MAX_POOLED_GAP);
        assertThat(whole.hardSoft().softToHardAfterHoldRate()).as(report).isLessThan(SOFT_TO_HARD_AFTER_HOLD_CEILING);
        assertThat(whole.hardSoft().softToHard()).as(report + String.join("\n", whole.softToHardRows()))
                .isLessThanOrEqualTo(SOFT_TO_HARD_FLAG_CEILING_ROWS);
        assertThat(lofo.pooledSoftToHardAfterHoldRate()).as(report).isLessThan(SOFT_TO_HARD_AFTER_HOLD_CEILING);
        // withholding really switches rules off: Google's own texts are what its bounces need
        LeaveOneFamilyOut.FamilyResult google = lofo.families().stream()
                .filter(f -> f.family() == MtaFamily.GOOGLE).findFirst().orElseThrow();
        assertThat(google.heldOut().reasonAgree()).as(report).isLessThan(google.withOwnRules().reasonAgree());
    }

    @Test
    void confidenceShouldBeCalibratedSoThatHighCallsAreRightMoreOftenThanLowOnes() {
        Optional<Path> dir = BounceCorpus.locate();
        assumeTrue(dir.isPresent(), "bounce corpus not found; skipping");
        CorpusScore whole = CorpusScore.score(BounceCorpus.load(dir.get()), new BounceClassifier());
        var low = whole.byConfidence().get(io.mailstream.bounces.Confidence.LOW);
        var medium = whole.byConfidence().get(io.mailstream.bounces.Confidence.MEDIUM);
        var high = whole.byConfidence().get(io.mailstream.bounces.Confidence.HIGH);
        String report = whole.byConfidence().toString();
        assertThat(low.rows() + medium.rows() + high.rows()).as(report).isGreaterThan(400);
        assertThat(high.reasonAccuracy()).as(report).isGreaterThan(medium.reasonAccuracy());
        assertThat(medium.reasonAccuracy()).as(report).isGreaterThan(low.reasonAccuracy());
        // a hard call that is not held must be trustworthy: it suppresses for ever
        assertThat(high.hardPrecision()).as(report).isGreaterThanOrEqualTo(0.95);
        assertThat(medium.hardPrecision()).as(report).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void nonStandardBouncesShouldNameTheirFailingAddress() {
        Optional<Path> dir = BounceCorpus.locate();
        assumeTrue(dir.isPresent(), "bounce corpus not found; skipping");
        CorpusScore whole = CorpusScore.score(BounceCorpus.load(dir.get()), new BounceClassifier());
        assertThat(whole.extractionRows()).isGreaterThan(100);
        CorpusScore.Extraction x = whole.extraction();
        String misses = x.misses().toString() + " innocent: " + x.innocentAddresses();
        // issue 16 (branch addr16): 212/219 found, the 7 others name an address the labels spell
        // differently (anonymisation), 10 innocent addresses reported; floors just under that
        assertThat(whole.extractionAccuracy()).as(misses).isGreaterThanOrEqualTo(0.965);
        assertThat(x.count(CorpusScore.AddressOutcome.WRONG)).as(misses).isLessThanOrEqualTo(7);
        assertThat(x.innocent()).as(misses).isLessThanOrEqualTo(10);
        CorpusScore.Extraction all = whole.allBounceRows();
        assertThat(all.share(CorpusScore.AddressOutcome.RIGHT)).as(all.misses().toString()).isGreaterThanOrEqualTo(0.975);
        assertThat(all.innocent()).as(all.innocentAddresses().toString()).isLessThanOrEqualTo(14);
    }
}
