package io.mailstream.dispatcher.render;

import io.mailstream.dispatcher.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Click and open tracking of campaign mail (issue 18). With a base URL, the links of a campaign's
 * HTML part are rewritten to {@code <base>/c/<signed token>} unless the campaign says
 * {@code clickTracking: false}, and a pixel {@code <base>/o/<signed token>} is added when it says
 * {@code openTracking: true}. Transactional mail (inline content) is never tracked, nor mail of a
 * tenant listed in {@code tenantsOff} (a tenant's privacy choice wins over its campaigns').
 *
 * @param baseUrl    {@code tracking.base-url}: the public https base of the tracking endpoint; empty = no tracking
 * @param tenantsOff {@code tracking.tenants-off}: tenants whose mail is never tracked ({@code default} names the default tenant)
 */
public record TrackingSettings(Optional<URI> baseUrl, Set<String> tenantsOff) {
    public static final String DEFAULT_TENANT = "default";

    public TrackingSettings {
        if (baseUrl == null) {
            throw new InvalidConfigException("tracking.base-url", "must be given or empty (Optional), was null");
        }
        baseUrl.ifPresent(u -> {
            if (!u.isAbsolute() || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new InvalidConfigException("tracking.base-url",
                        "must be an absolute http(s) URL without query or fragment, e.g. https://t.example.com, was " + u);
            }
        });
        tenantsOff = Set.copyOf(tenantsOff);
    }

    public static TrackingSettings off() {
        return new TrackingSettings(Optional.empty(), Set.of());
    }

    /** From the text forms of the options: a base URL (blank = none) and a comma-separated list of tenants. */
    public static TrackingSettings parse(String baseUrl, String tenantsOff) {
        Optional<URI> base = Optional.empty();
        if (baseUrl != null && !baseUrl.isBlank()) {
            try {
                base = Optional.of(new URI(baseUrl.strip()));
            } catch (URISyntaxException e) {
                throw new InvalidConfigException("tracking.base-url", "is not a URL: " + e.getMessage());
            }
        }
        Set<String> off = tenantsOff == null ? Set.of() : Arrays.stream(tenantsOff.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new TrackingSettings(base, off);
    }

    /** Whether mail of {@code tenant} (null = the default tenant) may be tracked at all. */
    public boolean tracks(String tenant) {
        return baseUrl.isPresent() && !tenantsOff.contains(tenant == null ? DEFAULT_TENANT : tenant);
    }

    /** The base without trailing slashes, for appending {@code /c/…} and {@code /o/…}. */
    String base() {
        return baseUrl.orElseThrow().toString().replaceAll("/+$", "");
    }
}
