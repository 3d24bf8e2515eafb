package io.mailstream.tracking.classify;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells opens and clicks made by machines from those made by people, by three signals, each
 * documented by the people who measured it:
 * <ul>
 *   <li><b>User-Agent.</b> Apple Mail Privacy Protection fetches every image at delivery through its
 *       proxies with a bare {@code Mozilla/5.0} (no platform, no engine); Gmail's and Yahoo's image
 *       proxies fetch when the person opens the mail and say so ({@code GoogleImageProxy},
 *       {@code YahooMailProxy}), so they count as human opens; security gateways and scripts name
 *       themselves (Barracuda, Mimecast, Proofpoint, {@code curl}, {@code python-requests},
 *       {@code Go-http-client}, {@code bot}, …). Sources: SocketLabs, "Identifying Apple MPP opens in
 *       Notification API events"; suped.com, "What methods do ESPs and SMTP providers use to identify
 *       Apple MPP and GoogleProxyImages" (2025); Word to the Wise, "Apple MPP" (2021).</li>
 *   <li><b>IP class.</b> A request from Apple's 17.0.0.0/8 without a full browser User-Agent is the
 *       MPP proxy (same sources): Apple's proxies, not the reader's device, fetch from there.</li>
 *   <li><b>Timing.</b> A request sooner than {@code minDelay} (default 2 s) after the message was
 *       rendered comes before a person could have read it: scanners at the receiving gateway follow
 *       links as the mail passes (the sources above; Apple's prefetch happens at delivery too).</li>
 * </ul>
 * HEAD requests are link checkers by definition and are never counted (the endpoint handles them).
 */
public final class MachineDetector {
    public static final Duration DEFAULT_MIN_DELAY = Duration.ofSeconds(2);
    private static final List<String> SCANNERS = List.of("barracuda", "mimecast", "proofpoint", "symantec", "messagelabs",
            "forcepoint", "trendmicro", "fireeye", "safelinks", "curl/", "wget/", "python-requests", "python-urllib",
            "go-http-client", "java/", "okhttp", "libwww-perl", "httpclient", "headlesschrome", "phantomjs",
            "bot", "spider", "crawler", "preview", "scanner");
    private static final List<String> WEBMAIL_PROXIES = List.of("googleimageproxy", "yahoomailproxy", "ggpht.com");
    private static final List<String> MAIL_CLIENTS = List.of("thunderbird", "microsoft outlook", "ms-office", "microsoft office");

    private final Duration minDelay;

    public MachineDetector(Duration minDelay) {
        if (minDelay == null || minDelay.isNegative()) {
            throw new IllegalArgumentException("tracking machine min-delay must be zero or positive, was " + minDelay);
        }
        this.minDelay = minDelay;
    }

    /**
     * @param userAgent the request's User-Agent (null if absent)
     * @param sentAt    when the message was rendered (from the signed token)
     * @param now       when the request arrived
     */
    public Verdict judge(String userAgent, InetAddress client, Instant sentAt, Instant now) {
        IpClass ip = IpClass.of(client);
        String ua = userAgent == null ? "" : userAgent.strip().toLowerCase(Locale.ROOT);
        ClientClass cls = clientClass(ua);
        Optional<String> reason = Optional.empty();
        if (cls == ClientClass.SCANNER || cls == ClientClass.PRIVACY_PROXY) {
            reason = Optional.of("user-agent");
        } else if (ip == IpClass.APPLE && cls != ClientClass.BROWSER) {
            cls = ClientClass.PRIVACY_PROXY;
            reason = Optional.of("ip-class");
        } else if (Duration.between(sentAt, now).compareTo(minDelay) < 0) {
            reason = Optional.of("too-soon");
        }
        return new Verdict(cls, ip, reason);
    }

    static ClientClass clientClass(String ua) {
        if (ua.isEmpty()) {
            return ClientClass.UNKNOWN;
        }
        if (ua.equals("mozilla/5.0")) {
            return ClientClass.PRIVACY_PROXY; // Apple MPP's bare User-Agent
        }
        if (WEBMAIL_PROXIES.stream().anyMatch(ua::contains)) {
            return ClientClass.WEBMAIL_PROXY;
        }
        if (SCANNERS.stream().anyMatch(ua::contains)) {
            return ClientClass.SCANNER;
        }
        if (MAIL_CLIENTS.stream().anyMatch(ua::contains)) {
            return ClientClass.MAIL_CLIENT;
        }
        if (ua.startsWith("mozilla/5.0 (") && (ua.contains("gecko") || ua.contains("applewebkit"))) {
            // Apple Mail on macOS/iOS sends a WebKit string without "Safari/": a mail client, not a browser
            return ua.contains("safari/") || ua.contains("firefox/") || ua.contains("chrome/") ? ClientClass.BROWSER : ClientClass.MAIL_CLIENT;
        }
        return ClientClass.UNKNOWN;
    }
}
