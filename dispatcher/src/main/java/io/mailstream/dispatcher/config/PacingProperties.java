package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.policy.BreakerSettings;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.throttle.AdaptiveSettings;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.warmup.WarmupDay;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.address.Site;
import io.mailstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@link PacingConfig} from properties ({@code policy.<name>.*}, {@code warmup.<name>.*},
 * {@code aimd.*}, {@code domain-shards}, {@code warmup.partitions}). Every
 * problem fails with an {@link InvalidConfigException} naming the key; unknown keys too, so a typo
 * never silently leaves a domain unthrottled.
 */
public final class PacingProperties {
    private static final Pattern POLICY = Pattern.compile("policy\\.([^.]+)\\.(.+)");
    private static final Pattern WARMUP = Pattern.compile("warmup\\.([^.]+)\\.(.+)");
    private static final Pattern WARMUP_DAY = Pattern.compile("day\\.(\\d{1,4})");
    private static final Pattern DAY_LIMITS = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> POLICY_KEYS = Set.of("domains", "sites", "mx-suffix", "max-per-second", "max-per-hour",
            "max-connections", "max-messages-per-connection", "breaker.failure-rate-threshold", "breaker.sliding-window-size",
            "breaker.minimum-calls", "breaker.open-duration", "breaker.half-open-probes");

    private PacingProperties() {
    }

    /** Reads a properties file (UTF-8). */
    public static PacingConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new InvalidConfigException("pacing.config", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k)));
        return parse(m);
    }

    public static PacingConfig parse(Map<String, String> props) {
        Map<String, Map<String, String>> policies = new LinkedHashMap<>();
        Map<String, Map<String, String>> warmups = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
            String key = e.getKey();
            Matcher pm = POLICY.matcher(key);
            Matcher wm = WARMUP.matcher(key);
            if (pm.matches()) {
                if (!POLICY_KEYS.contains(pm.group(2))) {
                    throw new InvalidConfigException(key, "unknown policy setting; known: " + new java.util.TreeSet<>(POLICY_KEYS));
                }
                policies.computeIfAbsent(pm.group(1), n -> new LinkedHashMap<>()).put(pm.group(2), e.getValue().strip());
            } else if (wm.matches() && !key.equals("warmup.partitions") && !key.equals("warmup.max-wait-in-memory")
                    && !key.equals("warmup.lend-after")) {
                warmups.computeIfAbsent(wm.group(1), n -> new LinkedHashMap<>()).put(wm.group(2), e.getValue().strip());
            } else if (!Set.of("domain-shards", "warmup.partitions",
                    "warmup.max-wait-in-memory", "warmup.lend-after", "aimd.decrease-factor", "aimd.cool-off", "aimd.increase-every", "aimd.increase-step", "aimd.minimum-factor")
                    .contains(key)) {
                throw new InvalidConfigException(key, "unknown pacing setting (policy.<name>.*, warmup.<name>.*, aimd.*, "
                        + "domain-shards, warmup.partitions, warmup.max-wait-in-memory, warmup.lend-after)");
            }
        }
        TrafficPolicy defaultPolicy = policy(TrafficPolicy.DEFAULT_NAME, policies.getOrDefault(TrafficPolicy.DEFAULT_NAME, Map.of()));
        List<TrafficPolicy> named = new ArrayList<>();
        Set<Domain> claimed = new HashSet<>();
        for (Map.Entry<String, Map<String, String>> e : policies.entrySet()) {
            if (!e.getKey().equals(TrafficPolicy.DEFAULT_NAME)) {
                TrafficPolicy p = policy(e.getKey(), e.getValue());
                if (p.matcher() instanceof PolicyMatcher.Domains d) {
                    for (Domain domain : d.domains()) {
                        if (!claimed.add(domain)) {
                            throw new InvalidConfigException("policy." + e.getKey() + ".domains", domain + " is already in another policy");
                        }
                    }
                }
                named.add(p);
            }
        }
        DomainShards shards;
        try {
            shards = DomainShards.parse(props.get("domain-shards"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("domain-shards", e.getMessage());
        }
        AdaptiveSettings d = AdaptiveSettings.DEFAULTS;
        AdaptiveSettings adaptive = new AdaptiveSettings(
                decimal(props, "aimd.decrease-factor", d.decreaseFactor()),
                duration(props, "aimd.cool-off", d.coolOff()),
                optionalInt(props, "aimd.increase-every").orElse(d.increaseEvery()),
                decimal(props, "aimd.increase-step", d.increaseStep()),
                decimal(props, "aimd.minimum-factor", d.minimumFactor()));
        Set<String> policyNames = new LinkedHashSet<>(policies.keySet());
        policyNames.add(TrafficPolicy.DEFAULT_NAME);
        List<WarmupSchedule> schedules = new ArrayList<>();
        warmups.forEach((name, settings) -> schedules.add(warmup(name, settings, policyNames)));
        int partitions = optionalInt(props, "warmup.partitions").orElse(Topics.DEFAULT_OUTBOUND_PARTITIONS);
        return new PacingConfig(named, defaultPolicy, shards, adaptive, schedules, partitions,
                duration(props, "warmup.max-wait-in-memory", Pacing.DEFAULT_MAX_WAIT_IN_MEMORY),
                duration(props, "warmup.lend-after", PacingConfig.DEFAULT_WARMUP_LEND_AFTER));
    }

    private static TrafficPolicy policy(String name, Map<String, String> s) {
        String prefix = "policy." + name + ".";
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new InvalidConfigException(prefix + "*", "policy name must be lower-case letters, digits, '-' or '_'");
        }
        PolicyMatcher matcher;
        boolean isDefault = name.equals(TrafficPolicy.DEFAULT_NAME);
        if (isDefault) {
            if (s.containsKey("domains") || s.containsKey("mx-suffix") || s.containsKey("sites")) {
                throw new InvalidConfigException(prefix + (s.containsKey("domains") ? "domains"
                        : s.containsKey("sites") ? "sites" : "mx-suffix"),
                        "the default policy matches everything no other policy matches; it takes no matcher");
            }
            matcher = new PolicyMatcher.Everything();
        } else if (Stream.of("domains", "mx-suffix", "sites").filter(s::containsKey).count() != 1) {
            throw new InvalidConfigException(prefix + "domains", "a policy needs exactly one of " + prefix + "domains, "
                    + prefix + "sites or " + prefix + "mx-suffix");
        } else if (s.containsKey("sites")) {
            Set<Site> sites = new LinkedHashSet<>();
            for (String raw : s.get("sites").split(",")) {
                if (raw.isBlank()) {
                    continue;
                }
                String siteName = raw.strip().startsWith(Site.KEY_PREFIX) ? raw.strip().substring(Site.KEY_PREFIX.length()) : raw.strip();
                try {
                    sites.add(Site.of(siteName));
                } catch (InvalidAddressException e) {
                    throw new InvalidConfigException(prefix + "sites", "'" + raw.strip() + "': " + e.reason());
                }
            }
            if (sites.isEmpty()) {
                throw new InvalidConfigException(prefix + "sites", "lists no site");
            }
            matcher = new PolicyMatcher.Sites(sites);
        } else if (s.containsKey("domains")) {
            Set<Domain> domains = new LinkedHashSet<>();
            for (String raw : s.get("domains").split(",")) {
                if (raw.isBlank()) {
                    continue;
                }
                try {
                    domains.add(Domain.of(raw.strip()));
                } catch (InvalidAddressException e) {
                    throw new InvalidConfigException(prefix + "domains", "'" + raw.strip() + "': " + e.reason());
                }
            }
            if (domains.isEmpty()) {
                throw new InvalidConfigException(prefix + "domains", "lists no domain");
            }
            matcher = new PolicyMatcher.Domains(domains);
        } else {
            try {
                matcher = new PolicyMatcher.MxSuffix(s.get("mx-suffix"));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(prefix + "mx-suffix", e.getMessage());
            }
        }
        OptionalInt perSecond = positive(s, prefix, "max-per-second");
        OptionalInt perHour = positive(s, prefix, "max-per-hour");
        int connections = positive(s, prefix, "max-connections").orElse(TrafficPolicy.DEFAULT_MAX_CONNECTIONS);
        int perConnection = positive(s, prefix, "max-messages-per-connection").orElse(TrafficPolicy.DEFAULT_MAX_MESSAGES_PER_CONNECTION);
        BreakerSettings b = BreakerSettings.DEFAULTS;
        BreakerSettings breaker = BreakerSettings.validated(prefix,
                (float) decimal(s, prefix, "breaker.failure-rate-threshold", b.failureRateThreshold()),
                intOr(s, prefix, "breaker.sliding-window-size", b.slidingWindowSize()),
                intOr(s, prefix, "breaker.minimum-calls", b.minimumCalls()),
                s.containsKey("breaker.open-duration") ? parseDuration(prefix + "breaker.open-duration", s.get("breaker.open-duration"))
                        : b.openDuration(),
                intOr(s, prefix, "breaker.half-open-probes", b.halfOpenProbes()));
        return new TrafficPolicy(name, matcher, perSecond, perHour, connections, perConnection, breaker);
    }

    private static WarmupSchedule warmup(String name, Map<String, String> s, Set<String> policyNames) {
        String prefix = "warmup." + name + ".";
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new InvalidConfigException(prefix + "*", "schedule name must be lower-case letters, digits, '-' or '_'");
        }
        String pool = s.get("pool");
        if (pool == null) {
            throw new InvalidConfigException(prefix + "pool", "is required (the sending pool being warmed up, e.g. default)");
        }
        if (!pool.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new InvalidConfigException(prefix + "pool", "is not a pool name: '" + pool + "'");
        }
        Optional<String> policy = Optional.ofNullable(s.get("policy"));
        if (policy.isPresent() && !policyNames.contains(policy.get())) {
            throw new InvalidConfigException(prefix + "policy", "no policy is named '" + policy.get() + "'");
        }
        String start = s.get("start");
        if (start == null) {
            throw new InvalidConfigException(prefix + "start", "is required (ISO date of day 1, e.g. 2026-12-01)");
        }
        LocalDate startDate;
        try {
            startDate = LocalDate.parse(start);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException(prefix + "start", "is not an ISO date (yyyy-mm-dd): '" + start + "'");
        }
        TreeMap<Integer, WarmupDay> days = new TreeMap<>();
        for (Map.Entry<String, String> e : s.entrySet()) {
            String k = e.getKey();
            if (k.equals("pool") || k.equals("policy") || k.equals("start") || k.equals("address") || k.equals("overflow")) {
                continue;
            }
            Matcher dm = WARMUP_DAY.matcher(k);
            if (!dm.matches()) {
                throw new InvalidConfigException(prefix + k, "unknown warm-up setting (pool, address, overflow, policy, start, day.<n>)");
            }
            Matcher lm = DAY_LIMITS.matcher(e.getValue());
            if (!lm.matches()) {
                throw new InvalidConfigException(prefix + k, "must be <max per day>/<max per hour>, e.g. 500/50; was '" + e.getValue() + "'");
            }
            int day = Integer.parseInt(dm.group(1));
            long perDay;
            long perHour;
            try {
                perDay = Long.parseLong(lm.group(1));
                perHour = Long.parseLong(lm.group(2));
            } catch (NumberFormatException ex) {
                throw new InvalidConfigException(prefix + k, "number too large: '" + e.getValue() + "'");
            }
            if (day < 1 || perDay < 1 || perHour < 1) {
                throw new InvalidConfigException(prefix + k, "day and limits must be at least 1");
            }
            days.put(day, new WarmupDay(day, perDay, perHour));
        }
        if (days.isEmpty()) {
            throw new InvalidConfigException(prefix + "day.1", "a warm-up schedule needs its days (day.1=<per day>/<per hour>, ...)");
        }
        for (int i = 1; i <= days.lastKey(); i++) {
            if (!days.containsKey(i)) {
                throw new InvalidConfigException(prefix + "day." + i, "is missing: days must run 1.." + days.lastKey() + " without gaps");
            }
        }
        Optional<String> address = Optional.ofNullable(s.get("address")).map(a -> ipLiteral(prefix + "address", a));
        String overflow = s.getOrDefault("overflow", "false");
        if (!overflow.equals("true") && !overflow.equals("false")) {
            throw new InvalidConfigException(prefix + "overflow", "must be true or false, was '" + overflow + "'");
        }
        if (overflow.equals("true") && address.isEmpty()) {
            throw new InvalidConfigException(prefix + "overflow", "needs " + prefix + "address: mail overflows from one address "
                    + "of the pool to the others");
        }
        return new WarmupSchedule(name, pool, policy, startDate, List.copyOf(days.values()), address, overflow.equals("true"));
    }

    /** An IP literal, normalised as the sending pools hold it ({@code InetAddress#getHostAddress}); never resolved. */
    private static String ipLiteral(String key, String raw) {
        String v = raw.strip();
        if (!v.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !v.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new InvalidConfigException(key, "must be an IP address of the pool, was '" + raw + "'");
        }
        try {
            return java.net.InetAddress.getByName(v).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new InvalidConfigException(key, "must be an IP address of the pool, was '" + raw + "'");
        }
    }

    private static OptionalInt positive(Map<String, String> s, String prefix, String key) {
        if (!s.containsKey(key)) {
            return OptionalInt.empty();
        }
        int v = integer(prefix + key, s.get(key));
        if (v < 1) {
            throw new InvalidConfigException(prefix + key, "must be at least 1, was " + v);
        }
        return OptionalInt.of(v);
    }

    private static int intOr(Map<String, String> s, String prefix, String key, int fallback) {
        return s.containsKey(key) ? integer(prefix + key, s.get(key)) : fallback;
    }

    private static OptionalInt optionalInt(Map<String, String> props, String key) {
        return props.containsKey(key) ? OptionalInt.of(integer(key, props.get(key).strip())) : OptionalInt.empty();
    }

    private static int integer(String key, String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, "must be a whole number, was '" + raw + "'");
        }
    }

    private static double decimal(Map<String, String> s, String prefix, String key, double fallback) {
        return s.containsKey(key) ? decimalOf(prefix + key, s.get(key)) : fallback;
    }

    private static double decimal(Map<String, String> props, String key, double fallback) {
        return props.containsKey(key) ? decimalOf(key, props.get(key)) : fallback;
    }

    private static double decimalOf(String key, String raw) {
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, "must be a number, was '" + raw + "'");
        }
    }

    private static Duration duration(Map<String, String> props, String key, Duration fallback) {
        return props.containsKey(key) ? parseDuration(key, props.get(key)) : fallback;
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}, or ISO-8601 ({@code PT30S}). */
    static Duration parseDuration(String key, String raw) {
        String v = raw.strip();
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException(key, "is not a duration (500ms, 30s, 5m, 2h, 3d or ISO-8601 PT30S): '" + raw + "'");
        }
    }
}
