package io.mailstream.bounces.corpus;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.bounces.parse.Mbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        List<String> misses) {

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
        Map<String, BounceReport> reports = new HashMap<>();
        int recipients = 0;
        for (Map.Entry<String, byte[]> f : corpus.files().entrySet()) {
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
        for (ManifestRow row : corpus.rows()) {
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
            confusion.computeIfAbsent(row.expectedReason(), k -> new TreeMap<>()).merge(reason, 1, Integer::sum);
        }
        return new CorpusScore(corpus.files().size(), corpus.rows().size(), recipients, statusRows, statusAgree,
                reasonAgree, hardAgree, confusion, misses);
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
