package io.mailstream.bounces.corpus;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.bounces.parse.Mbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Agreement of the classifier with the corpus labels. Rows are matched to reported recipients by
 * address (case-insensitive), else by position ({@code recipient_index}). Status agreement counts
 * only rows whose expected status is real (not one of Sisimai's x.0.9xx pseudo codes).
 */
public record CorpusScore(
        int files,
        int rows,
        int recipients,
        int statusRows,
        int statusAgree,
        int reasonAgree,
        int hardAgree,
        Map<String, Map<String, Integer>> confusion,
        List<String> misses,
        List<String> softToHardRows,
        HardSoftErrors hardSoft,
        Extraction extraction,
        Extraction allBounceRows,
        Map<Confidence, ConfidenceTally> byConfidence) {

    /** What a non-standard bounce's report said about one labelled failing address. */
    public enum AddressOutcome {
        /** the report names the labelled address */
        RIGHT,
        /** it does not, and names an address that is none of the file's labelled recipients: an innocent one */
        WRONG,
        /** it names no address, or only other labelled recipients of the file */
        NONE
    }

    /** One labelled row of a non-standard bounce, with what was reported for its file. */
    public record ExtractionRow(String path, String recipient, AddressOutcome outcome, List<String> reported) {
    }

    /**
     * Recipient extraction from non-standard bounces (no message/delivery-status part), per
     * labelled row: found right, found wrong (only innocent addresses), none. {@code innocentAddresses}
     * lists the reported addresses of those files that are none of their labelled recipients,
     * also where the right one was found too: each would be suppressed if the bounce came to
     * its return path. {@link #allBounceRows()} scores every bounce row the same way, reports
     * with a delivery-status part too.
     */
    public record Extraction(List<ExtractionRow> rows, List<String> innocentAddresses) {
        /** Reported addresses (file, address) that are none of their file's labelled recipients. */
        public int innocent() {
            return innocentAddresses.size();
        }

        public int count(AddressOutcome outcome) {
            return (int) rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        public double share(AddressOutcome outcome) {
            return rows.isEmpty() ? (outcome == AddressOutcome.RIGHT ? 1.0 : 0.0) : (double) count(outcome) / rows.size();
        }

        public List<ExtractionRow> misses() {
            return rows.stream().filter(r -> r.outcome() != AddressOutcome.RIGHT).toList();
        }
    }

    /**
     * Calibration of {@link Confidence}: over the bounce rows classified at one level, how many got
     * the reason right, how many were called hard, and how many of those hard calls were right. A
     * confidence is worth carrying only if HIGH is right more often than LOW.
     */
    public record ConfidenceTally(int rows, int reasonAgree, int hardCalls, int hardCallsRight) {
        public double reasonAccuracy() {
            return rows == 0 ? 1.0 : (double) reasonAgree / rows;
        }

        /** Share of the hard calls at this level that were hard in the labels (1.0 when none). */
        public double hardPrecision() {
            return hardCalls == 0 ? 1.0 : (double) hardCallsRight / hardCalls;
        }
    }

    /**
     * The costly errors, over bounce rows (not feedback, auto-replies, delivered notices): a soft
     * failure called hard suppresses a good address for ever; a hard one called soft costs a few
     * more sends. {@code softToHardHeld} counts the soft-to-hard errors whose hard call was of low
     * confidence and so is held as soft until a second bounce confirms it.
     */
    public record HardSoftErrors(int hardRows, int hardToSoft, int softRows, int softToHard, int softToHardHeld,
                                 int provisionalHard) {
        public double softToHardRate() {
            return softRows == 0 ? 0 : (double) softToHard / softRows;
        }

        public double hardToSoftRate() {
            return hardRows == 0 ? 0 : (double) hardToSoft / hardRows;
        }

        /** Soft failures that would actually be suppressed at once: hard calls of low confidence are held. */
        public double softToHardAfterHoldRate() {
            return softRows == 0 ? 0 : (double) (softToHard - softToHardHeld) / softRows;
        }
    }

    /** Share of non-standard bounces (no message/delivery-status part) whose failing address was found. */
    public double extractionAccuracy() {
        return extraction.share(AddressOutcome.RIGHT);
    }

    public int extractionRows() {
        return extraction.rows().size();
    }

    public int extractionFound() {
        return extraction.count(AddressOutcome.RIGHT);
    }

    public double statusAccuracy() {
        return statusRows == 0 ? 1.0 : (double) statusAgree / statusRows;
    }

    public double reasonAccuracy() {
        return rows == 0 ? 1.0 : (double) reasonAgree / rows;
    }

    public double hardAccuracy() {
        return rows == 0 ? 1.0 : (double) hardAgree / rows;
    }

    public static CorpusScore score(BounceCorpus corpus, BounceClassifier classifier) {
        return score(corpus, classifier, row -> true);
    }

    /** Scores only the rows {@code rows} accepts (and classifies only their files). */
    public static CorpusScore score(BounceCorpus corpus, BounceClassifier classifier, Predicate<ManifestRow> rows) {
        List<ManifestRow> selected = corpus.rows().stream().filter(rows).toList();
        java.util.Set<String> paths = new java.util.HashSet<>();
        selected.forEach(r -> paths.add(r.path()));
        Map<String, BounceReport> reports = new HashMap<>();
        int recipients = 0;
        for (Map.Entry<String, byte[]> f : corpus.files().entrySet()) {
            if (!paths.contains(f.getKey())) {
                continue;
            }
            BounceReport r = classifyFile(classifier, f.getValue());
            reports.put(f.getKey(), r);
            recipients += r.recipients().size();
        }
        int statusRows = 0;
        int statusAgree = 0;
        int reasonAgree = 0;
        int hardAgree = 0;
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        // the costly error, listed whole so that each one can be audited against the asymmetric-caution rule
        List<String> softToHardRows = new ArrayList<>();
        int hardRows = 0;
        int hardToSoft = 0;
        int softRows = 0;
        int softToHard = 0;
        int softToHardHeld = 0;
        int provisional = 0;
        List<ExtractionRow> extractionRows = new ArrayList<>();
        List<ExtractionRow> allRows = new ArrayList<>();
        java.util.Set<String> allInnocent = new java.util.TreeSet<>();
        Map<String, java.util.Set<String>> labelled = new HashMap<>();
        selected.forEach(r -> labelled.computeIfAbsent(r.path(), k -> new java.util.HashSet<>())
                .add(r.recipient().toLowerCase(Locale.ROOT)));
        java.util.Set<String> innocent = new java.util.TreeSet<>();
        Map<Confidence, int[]> tally = new java.util.EnumMap<>(Confidence.class);
        for (ManifestRow row : selected) {
            Optional<RecipientReport> got = match(row, reports.get(row.path()));
            String reason = got.map(r -> r.reason().sisimaiName()).orElse("(none)");
            boolean hard = got.map(RecipientReport::hard).orElse(false);
            String status = got.flatMap(RecipientReport::status).map(s -> s.asString()).orElse("");
            if (!row.statusIsPseudo() && !row.expectedStatus().isBlank()) {
                statusRows++;
                if (row.expectedStatus().equals(status)) {
                    statusAgree++;
                }
            }
            if (row.expectedReason().equals(reason)) {
                reasonAgree++;
            } else {
                misses.add(String.format(Locale.ROOT, "%s\t%s\texpected %s/%s got %s/%s [%s]", row.path(),
                        row.recipient(), row.expectedReason(), row.expectedStatus(), reason, status,
                        got.map(r -> r.diagnostic().replaceAll("\\s+", " "))
                                .map(d -> d.length() > 160 ? d.substring(0, 160) : d).orElse("")));
            }
            if (row.expectedHard() == hard) {
                hardAgree++;
            }
            boolean held = got.map(RecipientReport::provisionalHard).orElse(false);
            if (held) {
                provisional++;
            }
            if (row.isBounce() && row.expectedHard()) {
                hardRows++;
                hardToSoft += hard ? 0 : 1;
            } else if (row.isBounce()) {
                softRows++;
                if (hard) {
                    softToHard++;
                    softToHardHeld += held ? 1 : 0;
                    RecipientReport r = got.get();
                    softToHardRows.add(String.format(Locale.ROOT, "%s\t%s\texpected %s got %s\t%s%s\t%s", row.path(),
                            row.recipient(), row.expectedReason(), reason, r.confidence().name().toLowerCase(Locale.ROOT),
                            held ? " (held)" : "", r.evidence().describe()));
                }
            }
            if (row.isBounce() && got.isPresent()) {
                int[] t = tally.computeIfAbsent(got.get().confidence(), k -> new int[4]);
                t[0]++;
                t[1] += row.expectedReason().equals(reason) ? 1 : 0;
                t[2] += hard ? 1 : 0;
                t[3] += hard && row.expectedHard() ? 1 : 0;
            }
            if (row.isBounce()) {
                ExtractionRow e = extraction(row, reports.get(row.path()), labelled.get(row.path()));
                allRows.add(e);
                e.reported().stream().filter(a -> !labelled.get(row.path()).contains(a))
                        .forEach(a -> allInnocent.add(row.path() + "\t" + a));
            }
            if (row.isBounce() && !row.hasDeliveryStatusPart()) {
                ExtractionRow e = extraction(row, reports.get(row.path()), labelled.get(row.path()));
                extractionRows.add(e);
                e.reported().stream().filter(a -> !labelled.get(row.path()).contains(a))
                        .forEach(a -> innocent.add(row.path() + "\t" + a));
            }
            confusion.computeIfAbsent(row.expectedReason(), k -> new TreeMap<>()).merge(reason, 1, Integer::sum);
        }
        return new CorpusScore(paths.size(), selected.size(), recipients, statusRows, statusAgree,
                reasonAgree, hardAgree, confusion, misses, List.copyOf(softToHardRows),
                new HardSoftErrors(hardRows, hardToSoft, softRows, softToHard, softToHardHeld, provisional),
                new Extraction(List.copyOf(extractionRows), List.copyOf(innocent)),
                new Extraction(List.copyOf(allRows), List.copyOf(allInnocent)), byConfidence(tally));
    }

    private static Map<Confidence, ConfidenceTally> byConfidence(Map<Confidence, int[]> tally) {
        Map<Confidence, ConfidenceTally> m = new java.util.EnumMap<>(Confidence.class);
        for (Confidence c : Confidence.values()) {
            int[] t = tally.getOrDefault(c, new int[4]);
            m.put(c, new ConfidenceTally(t[0], t[1], t[2], t[3]));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Whether the report names the row's failing address itself (not a positional guess), or only innocent ones. */
    private static ExtractionRow extraction(ManifestRow row, BounceReport report, java.util.Set<String> labelled) {
        List<String> reported = report == null ? List.of()
                : report.recipients().stream().map(r -> r.recipient().toLowerCase(Locale.ROOT))
                        .filter(a -> !a.isEmpty()).distinct().toList();
        AddressOutcome outcome;
        if (reported.contains(row.recipient().toLowerCase(Locale.ROOT))) {
            outcome = AddressOutcome.RIGHT;
        } else if (reported.stream().anyMatch(a -> !labelled.contains(a))) {
            outcome = AddressOutcome.WRONG;
        } else {
            outcome = AddressOutcome.NONE;
        }
        return new ExtractionRow(row.path(), row.recipient(), outcome, reported);
    }

    /** A file holding an mbox of several bounces reports the recipients of all of them, in order. */
    private static BounceReport classifyFile(BounceClassifier classifier, byte[] bytes) {
        List<byte[]> messages = Mbox.isMbox(bytes) ? Mbox.split(bytes) : List.of(bytes);
        if (messages.size() <= 1) {
            return classifier.classify(bytes);
        }
        BounceReport first = classifier.classify(messages.get(0));
        List<RecipientReport> all = new ArrayList<>(first.recipients());
        List<String> problems = new ArrayList<>(first.problems());
        for (byte[] m : messages.subList(1, messages.size())) {
            BounceReport r = classifier.classify(m);
            all.addAll(r.recipients());
            problems.addAll(r.problems());
        }
        return new BounceReport(first.kind(), first.reportingMta(), first.originalEnvelopeId(), all, problems);
    }

    private static Optional<RecipientReport> match(ManifestRow row, BounceReport report) {
        if (report == null) {
            return Optional.empty();
        }
        String want = row.recipient().toLowerCase(Locale.ROOT);
        for (RecipientReport r : report.recipients()) {
            if (r.recipient().equalsIgnoreCase(want)) {
                return Optional.of(r);
            }
        }
        int i = row.recipientIndex() - 1;
        return i >= 0 && i < report.recipients().size() ? Optional.of(report.recipients().get(i)) : Optional.empty();
    }

    /** Expected reason → got reason → count, only where they differ; for failure messages. */
    public String confusionTable() {
        StringBuilder sb = new StringBuilder();
        confusion.forEach((expected, got) -> got.forEach((g, n) -> {
            if (!g.equals(expected)) {
                sb.append(String.format(Locale.ROOT, "%-16s -> %-16s %4d%n", expected, g, n));
            }
        }));
        return sb.toString();
    }
}
