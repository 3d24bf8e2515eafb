package io.mailstream.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.testkit.PipelineStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser (Debian's headless Chromium through chromedriver) against the
 * embedded stack while a campaign runs: progress advances on the page without a reload, the campaign
 * is paused, resumed and finally cancelled from its buttons (through the confirmation), a guard hold is
 * shown with its reason and released from its button, a click shows in the engagement, a domain is
 * opened, and an address suppressed through the suppression API is looked up. A PNG of every page is written to
 * {@code target/console-screenshots/} for review.
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CAMPAIGN_ID = "console-it";
    /** At 12 msg/s the campaign outlasts the test even on a loaded machine: resume must have something left to send. */
    private static final int RECIPIENTS = 1200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.sharedPerJvm();

    @TempDir
    Path work;

    @Test
    void anOperatorShouldWatchPauseAndResumeACampaignOpenADomainAndLookUpASuppression() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "ConsoleBrowserIT needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "apt-get install -y chromium chromium-driver (.ci/run does)");
        Files.createDirectories(SCREENSHOTS);
        try (ConsoleTestPipeline pipeline = ConsoleTestPipeline.start(STACK.stack(), work, CAMPAIGN_ID, RECIPIENTS)) {
            WebDriver browser = chromium();
            try {
                operate(browser, pipeline.consoleUrl(), pipeline.kafka(), pipeline.registry(), STACK.stack().smtpHost());
            } finally {
                browser.quit();
            }
        }
    }

    private void operate(WebDriver browser, String base, KafkaConnection kafka, SchemaRegistry registry, String smtpHost)
            throws Exception {
        browser.get(base + "campaigns/" + CAMPAIGN_ID);
        long first = awaitNumber(browser, "finished", n -> n > 0);
        awaitNumber(browser, "finished", n -> n > first); // the page updates itself: no reload

        click(browser, By.id("pause"));
        browser.switchTo().alert().accept();
        awaitText(browser, By.id("campaign-state"), "paused");
        assertThat(browser.findElement(By.id("action-result")).getText()).contains("sending → paused");

        click(browser, By.id("resume"));
        browser.switchTo().alert().accept();
        awaitText(browser, By.id("campaign-state"), "sending");
        long resumedAt = awaitNumber(browser, "finished", n -> true);
        awaitNumber(browser, "finished", n -> n > resumedAt);
        // a page that still shows version 1 (launch) asks to pause: the state moved since, so it is refused
        HttpResponse<String> stale = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "campaigns/" + CAMPAIGN_ID + "/state")).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pause&version=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("refused");
        assertThat(browser.findElement(By.id("campaign-state")).getText()).isEqualTo("sending");

        // issue 18 on the console: a guard hold, written as the guard writes it, shows which provider is held and why,
        // and is released from its own button (campaign resume --provider); a click shows in the engagement, no reload
        GuardAndTrackingWrites.hold(kafka, registry, CAMPAIGN_ID, "google");
        awaitText(browser, By.id("guard-holds"), "held at google");
        awaitText(browser, By.id("guard-holds"), "complaint-rate 0.40 % reached the line 0.10 % (4 of 1000 delivered)");
        click(browser, By.id("resume-google"));
        browser.switchTo().alert().accept();
        awaitText(browser, By.id("action-result"), "mail to google goes again");
        awaitText(browser, By.id("guard-holds"), "resumed");
        assertThat(browser.findElements(By.id("resume-google"))).as("a released hold offers no button").isEmpty();
        GuardAndTrackingWrites.click(kafka, registry, CAMPAIGN_ID, "console-it-clicked-message");
        awaitText(browser, By.id("clicks"), "1 (1)");
        shoot(browser, "campaign");

        browser.get(base + "campaigns");
        awaitText(browser, By.cssSelector("tr[data-campaign='" + CAMPAIGN_ID + "']"), "Console browser test");
        shoot(browser, "campaigns");

        browser.get(base + "domains");
        awaitText(browser, By.id("domains"), "example.org");
        // the dispatcher publishes its connections per destination host (here the test's SMTP sink); read through --health.
        // The table is drawn on load, so reload until the dispatcher's housekeeping published the host
        Awaitility.await("the sink's connections on the domains page").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    browser.navigate().refresh();
                    return browser.findElement(By.id("live-destinations")).getText().contains(smtpHost);
                });
        awaitText(browser, By.id("domains"), "example.org");
        assertThat(browser.findElement(By.id("not-published")).getText()).contains("MX hosts");
        shoot(browser, "domains");
        browser.findElement(By.linkText("example.org")).click();
        awaitText(browser, By.tagName("h1"), "Domain example.org");
        shoot(browser, "domain");

        browser.get(base + "suppressions");
        // wait for the form: a navigation right after the domain page's link click can still be settling
        Awaitility.await("the suppression lookup form").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> browser.findElement(By.id("address")).isDisplayed());
        browser.findElement(By.id("address")).sendKeys(ConsoleTestPipeline.SUPPRESSED);
        browser.findElement(By.id("lookup")).click();
        awaitText(browser, By.id("reason"), ConsoleTestPipeline.SUPPRESSION_REASON);
        assertThat(browser.findElement(By.id("source")).getText()).isEqualToIgnoringCase("manual");
        shoot(browser, "suppressions");

        browser.get(base + "deliverability");
        // wait for the page: the lookup's answer above can still be settling when the navigation starts
        awaitText(browser, By.tagName("main"), "Per mailbox provider");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Guard decisions");
        Awaitility.await("deliverability chart").atMost(WAIT).until(() ->
                "true".equals(browser.findElement(By.cssSelector("[data-chart]")).getDomAttribute("data-loaded")));
        shoot(browser, "deliverability");

        browser.get(base + "lag");
        awaitText(browser, By.id("lag"), "mail.outbound");
        awaitText(browser, By.id("services"), "mailstream-console-it");
        // the page reads lag again every 3 s: from the second reading on, the group has a rate and a drain ETA
        Awaitility.await("a drain ETA").atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> !browser.findElement(By.id("services")).getText().contains("measuring"));
        shoot(browser, "lag");

        browser.get(base + "messages");
        shoot(browser, "messages");

        // a phone (390 x 844 CSS pixels): no page scrolls sideways, the navigation and the main buttons stay on screen
        // and on top; the cancel below is clicked at that width
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (String page : new String[] {"campaigns", "domains", "domains/example.org", "deliverability", "lag", "suppressions",
                "messages", "campaigns/" + CAMPAIGN_ID}) {
            browser.get(base + page);
            Awaitility.await(page + " fits a phone").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Boolean.TRUE.equals(
                    js(browser, "return document.readyState === 'complete'"
                            + " && document.documentElement.scrollWidth <= document.documentElement.clientWidth"
                            + " && document.body.scrollWidth <= document.documentElement.clientWidth"
                            + " && [...document.querySelectorAll('header nav a')].every(a => a.getBoundingClientRect().right"
                            + " <= document.documentElement.clientWidth)")));
        }
        shoot(browser, "campaign-phone");
        for (String action : new String[] {"pause", "cancel"}) {
            Awaitility.await(action + " clickable on a phone").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                    Boolean.TRUE.equals(js(browser, "const e = document.getElementById(arguments[0]); if (!e) return false;"
                            + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                            + " return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth"
                            + " && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === e", action)));
        }

        // cancel from the page: the rest of the campaign must not reach the next test's dispatcher on the shared stack
        click(browser, By.id("cancel"));
        browser.switchTo().alert().accept();
        awaitText(browser, By.id("campaign-state"), "cancelled");
        assertThat(browser.findElements(By.id("resume"))).as("a final campaign offers no buttons").isEmpty();
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script, args);
    }

    private static long awaitNumber(WebDriver browser, String id, java.util.function.LongPredicate condition) {
        return Awaitility.await(id).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Long.parseLong(browser.findElement(By.id(id)).getText().strip()), condition::test);
    }

    /** Clicks {@code by}, finding it again when the page's 2 s refresh replaced it between finding and clicking. */
    private static void click(WebDriver browser, By by) {
        Awaitility.await("click " + by).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(by).click();
                    return true;
                });
    }

    private static void awaitText(WebDriver browser, By by, String text) {
        Awaitility.await(by + " shows " + text).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> browser.findElement(by).getText().contains(text));
    }

    private static void shoot(WebDriver browser, String page) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        assertThat(png).as("a PNG of " + page).startsWith(0x89, 'P', 'N', 'G');
        Files.write(SCREENSHOTS.resolve(page + ".png"), png);
    }

    private WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
