package io.mailstream.cli.bench.suppressions;

/**
 * The addresses of {@code bench suppressions}: address {@code i} is {@code user<i>@d<i % 1000>.example};
 * the suppressed ones are {@code 0 … n-1}, so any {@code i ≥ n} is an address nobody suppressed.
 */
final class BenchAddresses {
    static final int DOMAINS = 1_000;

    private BenchAddresses() {
    }

    static String address(long i) {
        return "user" + i + "@d" + (i % DOMAINS) + ".example";
    }

    /** The list an unsubscribe of address {@code i} came from (one in five suppressions is an unsubscribe). */
    static String list(long i) {
        return "list" + (i % 7);
    }
}
