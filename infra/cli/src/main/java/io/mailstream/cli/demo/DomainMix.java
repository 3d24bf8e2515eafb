package io.mailstream.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which recipient domain row {@code i} of a sample list gets. Deterministic: the same list every run.
 */
public sealed interface DomainMix {
    String domainOf(int row);

    /** The destination site a domain of this mix stands for, for per-site rates: the domain itself unless the mix says otherwise. */
    default String siteOf(String domain) {
        return domain;
    }

    /** Four domains in turn: the demo's list. Every lane is equally busy. */
    DomainMix FEW = new RoundRobin(List.of("example.com", "example.org", "example.net", "demo.test"));

    /**
     * 1 000 domains shaped like a real consumer list: a few mailbox providers take most of it (the
     * shares are rough public figures for Western B2C lists) and a long tail of small domains shares
     * the rest by Zipf's law, so per-domain limits, not one fat domain, set the pace. The names are
     * under {@code .test} (RFC 2606) so that no run can reach a real provider.
     */
    DomainMix PROVIDERS = Skewed.providers();

    /** The mix a bench's {@code --workload} names. */
    static DomainMix named(String workload) {
        return switch (workload) {
            case "uniform" -> FEW;
            case "domains" -> PROVIDERS;
            default -> throw new IllegalArgumentException("--workload must be uniform or domains, was '" + workload + "'");
        };
    }

    record RoundRobin(List<String> domains) implements DomainMix {
        @Override
        public String domainOf(int row) {
            return domains.get(Math.floorMod(row, domains.size()));
        }
    }

    /** Domains with cumulative shares; row i draws from them with a hash of i (SplitMix64), not a shared Random. */
    record Skewed(List<String> domains, double[] cumulative) implements DomainMix {
        static final int TAIL_DOMAINS = 992;
        /** The real sites the provider stand-ins are shaped after (their shares above); the Zipf tail is one row. */
        private static final Map<String, String> SITES = Map.of("gmail.test", "google", "outlook.test", "microsoft",
                "hotmail.test", "microsoft", "yahoo.test", "yahoo", "icloud.test", "apple", "gmx.test", "gmx",
                "orange.test", "orange", "mailru.test", "mailru");

        @Override
        public String siteOf(String domain) {
            return SITES.getOrDefault(domain, domain.startsWith("tail-") ? "long tail (" + TAIL_DOMAINS + " domains)" : domain);
        }

        static Skewed providers() {
            List<String> names = new ArrayList<>(List.of("gmail.test", "outlook.test", "yahoo.test", "hotmail.test",
                    "icloud.test", "gmx.test", "orange.test", "mailru.test"));
            List<Double> shares = new ArrayList<>(List.of(0.34, 0.10, 0.08, 0.06, 0.05, 0.03, 0.02, 0.02));
            double tailShare = 1 - shares.stream().mapToDouble(Double::doubleValue).sum();
            double harmonic = 0;
            for (int k = 1; k <= TAIL_DOMAINS; k++) {
                harmonic += 1.0 / k;
            }
            for (int k = 1; k <= TAIL_DOMAINS; k++) {
                names.add(String.format("tail-%03d.test", k));
                shares.add(tailShare / k / harmonic);
            }
            double[] cumulative = new double[names.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += shares.get(i);
                cumulative[i] = sum;
            }
            cumulative[cumulative.length - 1] = 1.0; // rounding must not leave a gap at the top
            return new Skewed(List.copyOf(names), cumulative);
        }

        @Override
        public String domainOf(int row) {
            double u = (splitMix64(row) >>> 11) * 0x1.0p-53;
            int i = Arrays.binarySearch(cumulative, u);
            return domains.get(i >= 0 ? i : -i - 1);
        }

        private static long splitMix64(long x) {
            long z = x + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
