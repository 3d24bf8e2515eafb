package io.mailstream.cli.console.bidi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Debian's {@code firefox-esr} (ESR 140), headless, driven over WebDriver BiDi, which Firefox serves itself
 * ({@code --remote-debugging-port}): no geckodriver, which Debian does not package. A fresh profile per start;
 * its {@code user.js} sends every non-loopback request to a closed port and turns off the updates, telemetry
 * and safe-browsing downloads, so the browser reaches nothing but the console under test.
 */
public final class HeadlessFirefox implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/firefox-esr");
    /** Written by Firefox into the profile once its BiDi server listens (the port it picked for port 0). */
    private static final String SERVER_FILE = "WebDriverBiDiServer.json";
    private static final List<String> PREFS = List.of(
            // loopback is never proxied (network.proxy.allow_hijacking_localhost is false): everything else fails at once
            "network.proxy.type", "1", "network.proxy.http", "\"127.0.0.1\"", "network.proxy.http_port", "9",
            "network.proxy.ssl", "\"127.0.0.1\"", "network.proxy.ssl_port", "9", "network.proxy.share_proxy_settings", "true",
            "network.dns.disablePrefetch", "true", "network.prefetch-next", "false",
            "network.captive-portal-service.enabled", "false", "network.connectivity-service.enabled", "false",
            "app.update.disabledForTesting", "true", "app.normandy.enabled", "false", "extensions.update.enabled", "false",
            "datareporting.policy.dataSubmissionEnabled", "false", "toolkit.telemetry.enabled", "false",
            "browser.safebrowsing.malware.enabled", "false", "browser.safebrowsing.phishing.enabled", "false",
            "browser.safebrowsing.downloads.enabled", "false", "browser.safebrowsing.update.enabled", "false",
            "browser.newtabpage.enabled", "false", "browser.startup.page", "0", "browser.shell.checkDefaultBrowser", "false");

    private final Process process;
    private final BiDiConnection bidi;
    private final BrowserTab tab;

    private final String version;

    private HeadlessFirefox(Process process, BiDiConnection bidi, BrowserTab tab, String version) {
        this.process = process;
        this.bidi = bidi;
        this.tab = tab;
        this.version = version;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts Firefox on a new profile under {@code work}, opens a BiDi session and returns it with its first tab;
     * the browser's output goes to {@code work/firefox.log}.
     */
    public static HeadlessFirefox start(Path work, Duration timeout) throws IOException {
        Path profile = Files.createDirectories(work.resolve("firefox-profile"));
        StringBuilder prefs = new StringBuilder();
        for (int i = 0; i < PREFS.size(); i += 2) {
            prefs.append("user_pref(\"").append(PREFS.get(i)).append("\", ").append(PREFS.get(i + 1)).append(");\n");
        }
        Files.writeString(profile.resolve("user.js"), prefs);
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-remote", "--remote-debugging-port", "0",
                "--profile", profile.toString(), "about:blank")
                .redirectErrorStream(true).redirectOutput(work.resolve("firefox.log").toFile()).start();
        BiDiConnection bidi = null;
        try {
            Path serverFile = profile.resolve(SERVER_FILE);
            JsonNode server = Awaitility.await("Firefox's WebDriver BiDi server (" + work.resolve("firefox.log") + ")")
                    .atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> new ObjectMapper().readTree(serverFile.toFile()), n -> n.path("ws_port").asInt() > 0);
            bidi = BiDiConnection.open(URI.create("ws://" + server.path("ws_host").asText() + ":" + server.path("ws_port").asInt()
                    + "/session"), timeout);
            var session = bidi.params();
            session.putObject("capabilities");
            String version = bidi.command("session.new", session).path("capabilities").path("browserVersion").asText();
            // confirm() dialogs are answered by BrowserTab.acceptingConfirm, which waits for this event
            var subscribe = bidi.params();
            subscribe.putArray("events").add("browsingContext.userPromptOpened");
            bidi.command("session.subscribe", subscribe);
            String context = bidi.command("browsingContext.getTree", bidi.params().put("maxDepth", 0))
                    .path("contexts").path(0).path("context").asText();
            return new HeadlessFirefox(process, bidi, new BrowserTab(bidi, context), version);
        } catch (RuntimeException e) {
            if (bidi != null) {
                bidi.close();
            }
            process.destroyForcibly();
            throw e;
        }
    }

    public BrowserTab tab() {
        return tab;
    }

    /** The browser's version from the session's capabilities, e.g. {@code 140.12.0}. */
    public String version() {
        return version;
    }

    @Override
    public void close() {
        try {
            bidi.command("browser.close", bidi.params());
        } catch (RuntimeException e) {
            // the connection goes with the browser; it may close before answering
        }
        bidi.close();
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
