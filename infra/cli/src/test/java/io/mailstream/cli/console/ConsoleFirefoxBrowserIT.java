package io.mailstream.cli.console;

import static io.mailstream.cli.console.bidi.BrowserTab.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.cli.console.bidi.BrowserTab;
import io.mailstream.cli.console.bidi.HeadlessFirefox;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in Debian's headless Firefox ESR, driven over WebDriver BiDi ({@link HeadlessFirefox}; there is no
 * geckodriver to drive it through Selenium), on the same pipeline as {@link ConsoleBrowserIT}: the campaigns page
 * follows a running campaign without a reload, the campaign's chart draws, a domain opens with the connections of the
 * host its mail went to, a suppressed address is looked up, and the campaign is cancelled through the page's own confirmation. A PNG of each page is written
 * to {@code target/console-screenshots/firefox-*.png}. Shorter than the Chromium test: it proves the pages work in
 * Firefox, the Chromium test proves what they do.
 */
class ConsoleFirefoxBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CAMPAIGN_ID = "console-firefox-it";
    /** About 30 s at the pipeline's 12 msg/s: still sending when the test looks, cancelled at its end. */
    private static final int RECIPIENTS = 360;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.sharedPerJvm();

    @TempDir
    Path work;

    @Test
    void firefoxShouldFollowACampaignOpenADomainLookUpASuppressionAndCancelThroughTheConfirmation() throws Exception {
        Assumptions.assumeTrue(HeadlessFirefox.installed(), "ConsoleFirefoxBrowserIT needs Debian's firefox-esr ("
                + HeadlessFirefox.BINARY + "): apt-get install -y firefox-esr (.ci/run does)");
        Files.createDirectories(SCREENSHOTS);
        // the browser starts while the services do: a few seconds less on the suite's clock
        CompletableFuture<HeadlessFirefox> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return HeadlessFirefox.start(work, WAIT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ConsoleTestPipeline pipeline;
        try {
            pipeline = ConsoleTestPipeline.start(STACK.stack(), work, CAMPAIGN_ID, RECIPIENTS);
        } catch (Exception | Error e) {
            starting.thenAccept(HeadlessFirefox::close);
            throw e;
        }
        try (pipeline; HeadlessFirefox firefox = starting.join()) {
            assertThat(firefox.version()).as("the browser on the other end answered session.new").matches("\\d+\\..+");
            operate(firefox.tab(), pipeline.consoleUrl(), STACK.stack().smtpHost());
        }
    }

    private static void operate(BrowserTab tab, String base, String mxHost) throws Exception {
        tab.viewport(1280, 900);
        String row = "document.querySelector(\"tr[data-campaign='" + CAMPAIGN_ID + "'] .progress-text\")?.innerText ?? ''";
        tab.navigate(base + "campaigns");
        long first = awaitNumber(tab, "finished on /campaigns", row, n -> n > 0);
        // a mark on the window survives only if the page updates itself rather than reloading
        tab.text("window.notReloaded = 'yes'");
        awaitNumber(tab, "finished on /campaigns", row, n -> n > first);
        assertThat(tab.text("window.notReloaded ?? 'reloaded'")).isEqualTo("yes");
        shoot(tab, "campaigns");

        tab.navigate(base + "campaigns/" + CAMPAIGN_ID);
        await(tab, "the rate chart draws", "document.querySelector('[data-chart]')?.dataset.loaded === 'true'");
        awaitNumber(tab, "finished on the campaign's page", "document.getElementById('finished')?.innerText ?? ''", n -> n > first);
        shoot(tab, "campaign");

        tab.navigate(base + "domains");
        await(tab, "example.org listed", "document.getElementById('domains')?.innerText.includes('example.org')");
        tab.text("document.querySelector(\"a.domain-link[href='/domains/example.org']\").click()");
        await(tab, "the domain's page", "document.querySelector('h1')?.innerText.includes('Domain example.org')");
        assertThat(tab.textOf("adaptive")).isEqualTo("normal");
        // the console resolves no MX: the host its mail went to (the SMTP sink, from the delivery events) is its destination
        // in the dispatcher's /metrics. The page is drawn on load: reload until the dispatcher's housekeeping published it
        Awaitility.await("example.org matched to " + mxHost).atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    tab.navigate(base + "domains/example.org");
                    return tab.text("document.getElementById('rate-now').parentElement.innerText").contains(mxHost + " in the dispatchers' /metrics");
                });
        assertThat(tab.textOf("connections")).matches("\\d+ / \\d+");
        shoot(tab, "domain");

        tab.navigate(base + "suppressions");
        tab.text("document.getElementById('address').value = " + quoted(ConsoleTestPipeline.SUPPRESSED)
                + "; document.getElementById('lookup').click()");
        await(tab, "the suppression's reason", "document.getElementById('reason')?.innerText.includes("
                + quoted(ConsoleTestPipeline.SUPPRESSION_REASON) + ")");
        assertThat(tab.textOf("source")).isEqualToIgnoringCase("manual");
        shoot(tab, "suppressions");

        // cancel from the page, through its confirm(): the rest of the campaign must not reach the next test's dispatcher
        tab.navigate(base + "campaigns/" + CAMPAIGN_ID);
        await(tab, "the cancel button", "document.getElementById('cancel') !== null");
        assertThat(tab.acceptingConfirm("document.getElementById('cancel').click()")).contains("Cancel campaign " + CAMPAIGN_ID);
        await(tab, "cancelled", "document.getElementById('campaign-state')?.innerText.includes('cancelled')");
    }

    private static long awaitNumber(BrowserTab tab, String what, String expression, LongPredicate condition) {
        return Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Long.parseLong(tab.text(expression).strip().split("\\s")[0]), condition::test);
    }

    private static void await(BrowserTab tab, String what, String condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> tab.isTrue(condition));
    }

    private static void shoot(BrowserTab tab, String page) throws Exception {
        byte[] png = tab.screenshot();
        assertThat(png).as("a PNG of " + page).startsWith(0x89, 'P', 'N', 'G');
        Files.write(SCREENSHOTS.resolve("firefox-" + page + ".png"), png);
    }
}
