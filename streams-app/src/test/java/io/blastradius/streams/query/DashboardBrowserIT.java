package io.blastradius.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.testsupport.TempDirectories;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium while a replay feeds the pipeline: the outage appears
 * without a reload, its blast radius is drawn with the second-order path, the timeline is drawn,
 * and posts and a status update made of hostile HTML are shown as text and never run.
 * Screenshots go to {@code target/dashboard-*.png}.
 */
class DashboardBrowserIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @Test
    void showsTheOutageAndItsBlastRadiusLiveAndKeepsHostileTextInert(KafkaTestContext kafka) throws Exception {
        Chromium.require();
        Path profile = TempDirectories.create("query-chromium-");
        try (TwoInstances stack = new TwoInstances(kafka, REGISTRY.serdeConfig(), REGISTRY.serdes())) {
            stack.baseProps.remove("query.api.token");
            stack.world.publishCatalog();
            stack.a = stack.startInstance("a");
            assertThat(stack.a.awaitRunning(Duration.ofSeconds(90))).isTrue();
            stack.world.publishMinutes(0, 56); // a quiet hour before the page is opened

            ChromeDriver browser = Chromium.start(profile);
            kafka.track(browser::quit);
            browser.get(stack.a.baseUrl() + "/");
            assertThat(browser.getTitle()).isEqualTo("blastradius");
            browser.executeScript("window.__sameDocument = 'yes';");
            assertThat(browser.findElement(By.id("empty")).isDisplayed()).isTrue();

            AtomicReference<Throwable> replayFailure = new AtomicReference<>();
            Thread replay = new Thread(() -> {
                try {
                    for (int m = 56; m < QueryWorld.END; m += 2) {
                        stack.world.publishMinutes(m, m + 2);
                        Thread.sleep(300);
                    }
                } catch (Throwable t) {
                    replayFailure.set(t);
                }
            }, "replay");
            replay.start();

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(250));
            wait.until(d -> !d.findElements(By.cssSelector("#outages li")).isEmpty());
            assertThat(browser.executeScript("return window.__sameDocument")).as("live update without a reload").isEqualTo("yes");
            wait.until(d -> !d.findElements(By.cssSelector("#radius g.node[data-name='metamask']")).isEmpty());
            replay.join(60_000);
            assertThat(replayFailure.get()).isNull();
            // the status update arrives late in the replay: wait for the outage to be acknowledged and the notes to show it
            wait.until(d -> d.findElement(By.id("d-state")).getText().equals("ACKNOWLEDGED")
                    && d.findElements(By.cssSelector("#notes li.status")).size() == 1);

            WebElement first = browser.findElement(By.cssSelector("#outages li"));
            assertThat(first.getText()).contains("aws/us-east-1/dynamodb", "ACKNOWLEDGED", "% sure", "min before the provider");
            List<String> drawn = browser.findElements(By.cssSelector("#radius g.node")).stream()
                    .map(e -> e.getAttribute("data-name")).toList();
            assertThat(drawn).contains("aws/us-east-1/dynamodb", "infura", "metamask", "ddb1");
            assertThat(browser.findElements(By.cssSelector("#radius path.edge"))).hasSizeGreaterThanOrEqualTo(QueryWorld.HIT.size());
            assertThat(browser.findElements(By.cssSelector("#timeline rect.bar"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#timeline path.complaints"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#timeline line.detected"))).hasSize(1);

            List<String> texts = browser.findElements(By.cssSelector("#notes .text")).stream().map(WebElement::getText).toList();
            assertThat(texts).contains(QueryWorld.SCRIPT_POST, QueryWorld.ONERROR_POST, QueryWorld.STATUS_BODY);
            assertThat(browser.findElement(By.cssSelector("#notes li.status .title")).getText()).isEqualTo(QueryWorld.STATUS_TITLE);
            assertThat(browser.findElements(By.cssSelector("#notes script, #notes img, #notes iframe, #notes b"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#notes a")).stream().map(a -> a.getAttribute("href")).toList())
                    .allMatch(href -> href.startsWith("https://"));
            assertThat(browser.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
            assertThat(browser.getTitle()).isEqualTo("blastradius");
            assertThat(browser.findElements(By.tagName("script"))).hasSize(1);

            Path shot = Path.of("target", "dashboard-aws-replay.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            browser.executeScript("document.getElementById('notes').scrollIntoView()");
            Files.write(Path.of("target", "dashboard-notes.png"), browser.getScreenshotAs(OutputType.BYTES));

            // the hostile post is inert however it is reached: open a page with it in the query string too
            browser.get(stack.a.baseUrl() + "/?q=%3Cscript%3Ewindow.__pwned%3D9%3C%2Fscript%3E");
            wait.until(d -> !d.findElements(By.cssSelector("#outages li")).isEmpty());
            assertThat(browser.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        } finally {
            TempDirectories.delete(profile);
        }
    }
}
