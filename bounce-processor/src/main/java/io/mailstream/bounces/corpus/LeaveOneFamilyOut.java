package io.mailstream.bounces.corpus;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceLimits;
import io.mailstream.bounces.classify.MtaFamily;
import io.mailstream.bounces.classify.RuleSelection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Leave-one-family-out evaluation: the corpus is grouped by the MTA family or provider that wrote
 * each bounce ({@link FamilyDetector}, from the message, not the file name); each family is then
 * judged by a classifier whose own rules for that family ({@code classify.ProviderRules}) are
 * switched off. The classifier is rule-based, so "holding out" a family means asking which rules we
 * would have had without ever seeing it. The pooled figure counts every row once, judged while its
 * family was held out; it estimates accuracy on bounces from MTAs the rules were not written for.
 *
 * @param families         one entry per family present in the corpus, largest first
 * @param minRowsForWorst  families with fewer rows are listed but not candidates for "worst" (one
 *                         or two rows say little)
 */
public record LeaveOneFamilyOut(List<FamilyResult> families, int minRowsForWorst) {

    /** One family: its rows judged with all rules, and judged with its own rules withheld. */
    public record FamilyResult(MtaFamily family, CorpusScore withOwnRules, CorpusScore heldOut) {
        public int rows() {
            return heldOut.rows();
        }
    }

    public static LeaveOneFamilyOut evaluate(BounceCorpus corpus, BounceLimits limits, int minRowsForWorst) {
        Map<String, MtaFamily> familyOf = familiesOf(corpus);
        BounceClassifier all = new BounceClassifier(limits, RuleSelection.ALL);
        Map<MtaFamily, Integer> present = new EnumMap<>(MtaFamily.class);
        for (ManifestRow r : corpus.rows()) {
            present.merge(familyOf.get(r.path()), 1, Integer::sum);
        }
        List<FamilyResult> results = new ArrayList<>();
        for (MtaFamily f : present.keySet()) {
            BounceClassifier without = new BounceClassifier(limits, RuleSelection.without(f));
            results.add(new FamilyResult(f,
                    CorpusScore.score(corpus, all, r -> familyOf.get(r.path()) == f),
                    CorpusScore.score(corpus, without, r -> familyOf.get(r.path()) == f)));
        }
        results.sort(Comparator.comparingInt(FamilyResult::rows).reversed());
        return new LeaveOneFamilyOut(List.copyOf(results), minRowsForWorst);
    }

    /** The family of each corpus file, detected from its content. */
    public static Map<String, MtaFamily> familiesOf(BounceCorpus corpus) {
        Map<String, MtaFamily> m = new java.util.HashMap<>();
        corpus.files().forEach((path, bytes) -> m.put(path, FamilyDetector.detect(bytes)));
        return m;
    }

    /** Reason accuracy over all rows, each judged while its own family was held out. */
    public double pooledReasonAccuracy() {
        int rows = 0;
        int agree = 0;
        for (FamilyResult r : families) {
            rows += r.heldOut.rows();
            agree += r.heldOut.reasonAgree();
        }
        return rows == 0 ? 1.0 : (double) agree / rows;
    }

    /** Hard/soft accuracy over all rows, each judged while its own family was held out. */
    public double pooledHardAccuracy() {
        int rows = 0;
        int agree = 0;
        for (FamilyResult r : families) {
            rows += r.heldOut.rows();
            agree += r.heldOut.hardAgree();
        }
        return rows == 0 ? 1.0 : (double) agree / rows;
    }

    /** Soft failures called hard, over all families held out in turn. */
    public double pooledSoftToHardRate() {
        int soft = 0;
        int wrong = 0;
        for (FamilyResult r : families) {
            soft += r.heldOut.hardSoft().softRows();
            wrong += r.heldOut.hardSoft().softToHard();
        }
        return soft == 0 ? 0 : (double) wrong / soft;
    }

    /** Soft failures suppressed at once (hard calls of low confidence are held), all families held out in turn. */
    public double pooledSoftToHardAfterHoldRate() {
        int soft = 0;
        int wrong = 0;
        for (FamilyResult r : families) {
            soft += r.heldOut.hardSoft().softRows();
            wrong += r.heldOut.hardSoft().softToHard() - r.heldOut.hardSoft().softToHardHeld();
        }
        return soft == 0 ? 0 : (double) wrong / soft;
    }

    /** Unweighted mean of the families' held-out reason accuracies (each family counts once). */
    public double meanFamilyReasonAccuracy() {
        return families.stream().mapToDouble(r -> r.heldOut.reasonAccuracy()).average().orElse(1.0);
    }

    /** The family with the lowest held-out reason accuracy among those with at least {@code minRowsForWorst} rows. */
    public Optional<FamilyResult> worst() {
        return families.stream().filter(r -> r.rows() >= minRowsForWorst)
                .min(Comparator.comparingDouble((FamilyResult r) -> r.heldOut.reasonAccuracy()));
    }

    /** A Markdown table: family, rows, reason accuracy with and without its own rules, hard/soft held out. */
    public String table() {
        StringBuilder sb = new StringBuilder("| family | rows | reason, all rules | reason, own rules withheld | hard/soft, withheld |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (FamilyResult r : families) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% | %.1f %% | %.1f %% |%n",
                    r.family.name().toLowerCase(Locale.ROOT), r.rows(), 100 * r.withOwnRules.reasonAccuracy(),
                    100 * r.heldOut.reasonAccuracy(), 100 * r.heldOut.hardAccuracy()));
        }
        return sb.toString();
    }
}
