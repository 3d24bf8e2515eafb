package io.mailstream.dispatcher.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A recipient domain's MTA-STS policy (RFC 8461 §3.2), as fetched from
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}.
 *
 * @param id     the {@code id} of the {@code _mta-sts} TXT record it was fetched for (§3.1): a new id means a new policy
 * @param mode   {@link MtaStsMode}
 * @param mx     the {@code mx} patterns: host names, or {@code *.example.com} for one leftmost label (§4.1)
 * @param maxAge {@code max_age}: how long the policy may be cached
 */
public record MtaStsPolicy(String id, MtaStsMode mode, List<String> mx, Duration maxAge) {
    /** RFC 8461 §3.2: max_age is at most 31557600 seconds (one year). */
    public static final Duration MAX_AGE_LIMIT = Duration.ofSeconds(31_557_600);

    public MtaStsPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        mx = mx.stream().map(p -> stripDot(p.strip().toLowerCase(Locale.ROOT))).toList();
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /**
     * Parses the policy file. Lines are {@code key: value}, CRLF or LF ended (§3.2); unknown keys are
     * ignored, as the RFC asks for extensibility.
     *
     * @throws InvalidPolicyException when {@code version}, {@code mode} or {@code max_age} is missing
     *                                or malformed, or an enforcing policy names no MX
     */
    public static MtaStsPolicy parse(String id, String text) {
        String version = null;
        MtaStsMode mode = null;
        Duration maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = switch (value) {
                    case "enforce" -> MtaStsMode.ENFORCE;
                    case "testing" -> MtaStsMode.TESTING;
                    case "none" -> MtaStsMode.NONE;
                    default -> throw new InvalidPolicyException("mode '" + value + "' is not enforce, testing or none");
                };
                case "max_age" -> {
                    if (!value.matches("[0-9]{1,10}")) {
                        throw new InvalidPolicyException("max_age '" + value + "' is not a number of seconds");
                    }
                    maxAge = Duration.ofSeconds(Math.min(Long.parseLong(value), MAX_AGE_LIMIT.toSeconds()));
                }
                case "mx" -> mx.add(value);
                default -> {
                    // §3.2: other keys may be added by later versions
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new InvalidPolicyException("version is '" + version + "', not STSv1");
        }
        if (mode == null) {
            throw new InvalidPolicyException("no mode");
        }
        if (maxAge == null) {
            throw new InvalidPolicyException("no max_age");
        }
        if (mode != MtaStsMode.NONE && mx.isEmpty()) {
            throw new InvalidPolicyException("mode " + mode + " but no mx patterns");
        }
        return new MtaStsPolicy(id, mode, mx, maxAge);
    }

    /** RFC 8461 §4.1: whether MX host {@code host} is one this policy names. */
    public boolean matches(String host) {
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                int dot = h.indexOf('.');
                // The wildcard stands for exactly one label: *.example.com matches mx.example.com, not a.b.example.com.
                if (dot > 0 && h.substring(dot + 1).equals(pattern.substring(2))) {
                    return true;
                }
            } else if (h.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** For logs and delivery events: {@code MTA-STS enforce (id 2026...)}. */
    public String describe() {
        return "MTA-STS " + mode.name().toLowerCase(Locale.ROOT) + " (id " + id + ")";
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The policy file is not a valid STSv1 policy: treated as no policy (RFC 8461 §5). */
    public static final class InvalidPolicyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidPolicyException(String message) {
            super(message);
        }
    }
}
