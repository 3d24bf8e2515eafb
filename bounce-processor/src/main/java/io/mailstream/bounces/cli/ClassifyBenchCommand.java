package io.mailstream.bounces.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.corpus.BounceCorpus;
import io.mailstream.bounces.corpus.CorpusScore;
import io.mailstream.bounces.corpus.LeaveOneFamilyOut;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bounces bench}: accuracy of the classifier against the labelled corpus and its
 * throughput (parse + classify per message, after warm-up, on {@code --threads} threads).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Classify the labelled bounce corpus N times; print accuracy and DSNs per second.")
public class ClassifyBenchCommand implements Callable<Integer> {

    /** Families with fewer rows are shown but not named the worst: one or two files say little. */
    static final int MIN_ROWS_FOR_WORST = 5;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Corpus folder with manifest.tsv (default: -Dmailstream.bounces.dir or ../shared/bounces).")
    Path dir;

    @Option(names = {"-n", "--iterations"}, defaultValue = "50", description = "Timed passes over the corpus (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed passes first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads; 0 = available processors.")
    int threads;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    public ClassifyBenchCommand() {
    }

    @Override
    public Integer call() throws Exception {
        Path corpusDir = dir != null ? dir : BounceCorpus.locate().orElse(null);
        if (corpusDir == null) {
            System.err.println("bounce corpus not found: pass --dir or -D" + BounceCorpus.DIR_PROPERTY);
            return 2;
        }
        BounceCorpus corpus = BounceCorpus.load(corpusDir);
        BounceClassifier classifier = new BounceClassifier();
        CorpusScore score = CorpusScore.score(corpus, classifier);
        LeaveOneFamilyOut lofo = LeaveOneFamilyOut.evaluate(corpus, classifier.limits(), MIN_ROWS_FOR_WORST);
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        List<byte[]> messages = new ArrayList<>(corpus.files().values());
        run(classifier, messages, warmup, n, new long[2]);
        long[] cpuNanos = new long[2];
        long start = System.nanoTime();
        long classified = run(classifier, messages, iterations, n, cpuNanos);
        double bytesPerDsn = cpuNanos[1] > 0 ? (double) cpuNanos[1] / classified : Double.NaN;
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = classified / seconds;
        double perCpuSecond = cpuNanos[0] > 0 ? classified / (cpuNanos[0] / 1e9) : Double.NaN;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        print(System.out, score, lofo, n, classified, perSecond, perCpuSecond, bytesPerDsn, load);
        return 0;
    }

    /**
     * Runs the passes; {@code cpuNanos[0]} receives the CPU time the workers used and
     * {@code cpuNanos[1]} the bytes they allocated (0 if unsupported). Allocation does not
     * depend on what else the machine runs, so it tracks the work per message between runs.
     */
    private static long run(BounceClassifier classifier, List<byte[]> messages, int passes, int threads,
                            long[] cpuNanos) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean measureCpu = cpu.isCurrentThreadCpuTimeSupported();
        AtomicLong cpuUsed = new AtomicLong();
        AtomicLong allocated = new AtomicLong();
        com.sun.management.ThreadMXBean alloc = cpu instanceof com.sun.management.ThreadMXBean m
                && m.isThreadAllocatedMemorySupported() ? m : null;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bounce-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            int total = passes * messages.size();
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long cpuStart = measureCpu ? cpu.getCurrentThreadCpuTime() : 0;
                    long allocStart = alloc != null ? alloc.getCurrentThreadAllocatedBytes() : 0;
                    long done = 0;
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        done += classifier.classify(messages.get(i % messages.size())).recipients().size() >= 0 ? 1 : 0;
                    }
                    if (measureCpu) {
                        cpuUsed.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
                    }
                    if (alloc != null) {
                        allocated.addAndGet(alloc.getCurrentThreadAllocatedBytes() - allocStart);
                    }
                    return done;
                }));
            }
            long sum = 0;
            for (Future<Long> f : futures) {
                sum += f.get();
            }
            cpuNanos[0] = cpuUsed.get();
            cpuNanos[1] = allocated.get();
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private void print(PrintStream out, CorpusScore s, LeaveOneFamilyOut lofo, int threadCount, long classified, double perSecond,
                       double perCpuSecond, double bytesPerDsn, double load) throws Exception {
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("files", s.files());
            n.put("rows", s.rows());
            n.put("recipients", s.recipients());
            n.put("statusAccuracy", s.statusAccuracy());
            n.put("reasonAccuracy", s.reasonAccuracy());
            n.put("hardSoftAccuracy", s.hardAccuracy());
            CorpusScore.HardSoftErrors e = s.hardSoft();
            n.put("softRows", e.softRows());
            n.put("softToHard", e.softToHard());
            n.put("softToHardRate", e.softToHardRate());
            s.softToHardRows().forEach(n.putArray("softToHardRows")::add);
            n.put("softToHardAfterHoldRate", e.softToHardAfterHoldRate());
            n.put("hardRows", e.hardRows());
            n.put("hardToSoft", e.hardToSoft());
            n.put("hardToSoftRate", e.hardToSoftRate());
            n.put("provisionalHard", e.provisionalHard());
            ObjectNode conf = n.putObject("byConfidence");
            s.byConfidence().forEach((level, t) -> {
                ObjectNode c = conf.putObject(level.name().toLowerCase(Locale.ROOT));
                c.put("rows", t.rows());
                c.put("reasonAccuracy", t.reasonAccuracy());
                c.put("hardCalls", t.hardCalls());
                c.put("hardPrecision", t.hardPrecision());
            });
            n.put("nonStandardRows", s.extractionRows());
            n.put("nonStandardAddressFound", s.extractionAccuracy());
            CorpusScore.Extraction x = s.extraction();
            n.put("nonStandardAddressWrong", x.share(CorpusScore.AddressOutcome.WRONG));
            n.put("nonStandardAddressNone", x.share(CorpusScore.AddressOutcome.NONE));
            n.put("nonStandardInnocentAddresses", x.innocent());
            x.misses().forEach(m -> n.withArray("nonStandardAddressMisses").add(missLine(m)));
            CorpusScore.Extraction all = s.allBounceRows();
            n.put("bounceRows", all.rows().size());
            n.put("addressFound", all.share(CorpusScore.AddressOutcome.RIGHT));
            n.put("addressWrong", all.share(CorpusScore.AddressOutcome.WRONG));
            n.put("addressNone", all.share(CorpusScore.AddressOutcome.NONE));
            n.put("innocentAddresses", all.innocent());
            n.put("lofoReasonAccuracy", lofo.pooledReasonAccuracy());
            n.put("lofoHardSoftAccuracy", lofo.pooledHardAccuracy());
            n.put("lofoSoftToHardRate", lofo.pooledSoftToHardRate());
            n.put("lofoSoftToHardAfterHoldRate", lofo.pooledSoftToHardAfterHoldRate());
            n.put("lofoMeanFamilyReasonAccuracy", lofo.meanFamilyReasonAccuracy());
            lofo.worst().ifPresent(w -> {
                n.put("lofoWorstFamily", w.family().name().toLowerCase(Locale.ROOT));
                n.put("lofoWorstFamilyReasonAccuracy", w.heldOut().reasonAccuracy());
                n.put("lofoWorstFamilyRows", w.rows());
            });
            n.put("threads", threadCount);
            n.put("messagesClassified", classified);
            n.put("dsnsPerSecond", Math.round(perSecond));
            n.put("dsnsPerCpuSecond", Math.round(perCpuSecond));
            n.put("bytesAllocatedPerDsn", Math.round(bytesPerDsn));
            n.put("systemLoadAverage", load);
            out.println(new ObjectMapper().writeValueAsString(n));
            return;
        }
        out.println("| metric | value |");
        out.println("| --- | --- |");
        out.printf(Locale.ROOT, "| files | %d |%n", s.files());
        out.printf(Locale.ROOT, "| manifest rows | %d |%n", s.rows());
        out.printf(Locale.ROOT, "| recipients reported | %d |%n", s.recipients());
        out.printf(Locale.ROOT, "| status accuracy | %.1f %% (%d/%d) |%n", 100 * s.statusAccuracy(), s.statusAgree(), s.statusRows());
        out.printf(Locale.ROOT, "| reason accuracy | %.1f %% (%d/%d) |%n", 100 * s.reasonAccuracy(), s.reasonAgree(), s.rows());
        out.printf(Locale.ROOT, "| hard/soft accuracy | %.1f %% (%d/%d) |%n", 100 * s.hardAccuracy(), s.hardAgree(), s.rows());
        CorpusScore.HardSoftErrors e = s.hardSoft();
        out.printf(Locale.ROOT, "| soft → hard (soft failures called hard) | %.1f %% (%d/%d); %.1f %% suppressed at once after holding %d low-confidence |%n",
                100 * e.softToHardRate(), e.softToHard(), e.softRows(), 100 * e.softToHardAfterHoldRate(), e.softToHardHeld());
        out.printf(Locale.ROOT, "| hard → soft (hard failures called soft) | %.1f %% (%d/%d) |%n",
                100 * e.hardToSoftRate(), e.hardToSoft(), e.hardRows());
        out.printf(Locale.ROOT, "| hard bounces of low confidence (held as soft) | %d |%n", e.provisionalHard());
        s.byConfidence().forEach((level, t) -> out.printf(Locale.ROOT,
                "| confidence %s: bounce rows; reason right; hard calls right | %d; %.1f %%; %d/%d |%n",
                level.name().toLowerCase(Locale.ROOT), t.rows(), 100 * t.reasonAccuracy(), t.hardCallsRight(), t.hardCalls()));
        CorpusScore.Extraction x = s.extraction();
        out.printf(Locale.ROOT, "| non-standard bounces: failing address found right; wrong (only innocent addresses); none | %.1f %% (%d/%d); %d; %d |%n",
                100 * s.extractionAccuracy(), s.extractionFound(), s.extractionRows(),
                x.count(CorpusScore.AddressOutcome.WRONG), x.count(CorpusScore.AddressOutcome.NONE));
        out.printf(Locale.ROOT, "| non-standard bounces: innocent addresses reported (none of the file's labelled recipients) | %d |%n",
                x.innocent());
        CorpusScore.Extraction all = s.allBounceRows();
        out.printf(Locale.ROOT, "| all bounce rows: failing address found right; wrong; none; innocent addresses reported | %.1f %% (%d/%d); %d; %d; %d |%n",
                100 * all.share(CorpusScore.AddressOutcome.RIGHT), all.count(CorpusScore.AddressOutcome.RIGHT), all.rows().size(),
                all.count(CorpusScore.AddressOutcome.WRONG), all.count(CorpusScore.AddressOutcome.NONE), all.innocent());
        out.printf(Locale.ROOT, "| leave-one-family-out reason accuracy (pooled) | %.1f %% (%+.1f points) |%n",
                100 * lofo.pooledReasonAccuracy(), 100 * (lofo.pooledReasonAccuracy() - s.reasonAccuracy()));
        out.printf(Locale.ROOT, "| leave-one-family-out mean over %d families | %.1f %% |%n",
                lofo.families().size(), 100 * lofo.meanFamilyReasonAccuracy());
        lofo.worst().ifPresent(w -> out.printf(Locale.ROOT, "| leave-one-family-out worst family (≥ %d rows) | %s %.1f %% (%d rows) |%n",
                lofo.minRowsForWorst(), w.family().name().toLowerCase(Locale.ROOT), 100 * w.heldOut().reasonAccuracy(), w.rows()));
        out.printf(Locale.ROOT, "| leave-one-family-out hard/soft; soft → hard; suppressed at once after holding | %.1f %%; %.1f %%; %.1f %% |%n",
                100 * lofo.pooledHardAccuracy(), 100 * lofo.pooledSoftToHardRate(), 100 * lofo.pooledSoftToHardAfterHoldRate());
        out.printf(Locale.ROOT, "| threads | %d |%n", threadCount);
        out.printf(Locale.ROOT, "| DSNs per second (parse + classify) | %,.0f |%n", perSecond);
        // wall-clock throughput depends on what else the machine runs; CPU time does much less
        out.printf(Locale.ROOT, "| DSNs per CPU-second (one core) | %,.0f |%n", perCpuSecond);
        out.printf(Locale.ROOT, "| bytes allocated per DSN | %,.0f |%n", bytesPerDsn);
        out.printf(Locale.ROOT, "| system load average during the run | %.1f |%n", load);
        out.println();
        out.print(lofo.table());
        out.println();
        out.println("Reason confusion (expected -> got, rows), whole corpus:");
        out.print(s.confusionTable());
        out.println();
        // named one by one: each is a good address that would be suppressed, so each should be explainable
        out.println("Soft failures called hard (file, recipient, labels, confidence, evidence):");
        s.softToHardRows().forEach(out::println);
        out.println();
        out.println("Non-standard bounces whose failing address was not found (file, recipient, outcome, reported):");
        x.misses().forEach(m -> out.println(missLine(m)));
        out.println();
        out.println("Innocent addresses reported by non-standard bounces (file, address):");
        x.innocentAddresses().forEach(out::println);
    }

    private static String missLine(CorpusScore.ExtractionRow m) {
        return m.path() + "\t" + m.recipient() + "\t" + m.outcome().name().toLowerCase(Locale.ROOT) + "\t" + m.reported();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClassifyBenchCommand()).execute(args));
    }
}
