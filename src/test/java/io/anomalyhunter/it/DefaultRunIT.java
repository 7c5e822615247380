package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The daemon as the README starts it: no config file anywhere, embedded defaults (port 8080, data in
 * ./data). Checks health and metrics within 30 s, then the page in headless Chromium with live data.
 */
class DefaultRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void startsWithEmbeddedDefaultsAndThePageShowsLiveData() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir, 8080, "run")) {
            long ms = d.awaitHealthy(Duration.ofSeconds(30));
            assertTrue(ms < 30_000);
            JsonNode metrics = null;
            for (int i = 0; i < 100 && (metrics == null || metrics.size() < 30); i++) {
                metrics = JSON.readTree(d.get("/api/v1/metrics").body());
                Thread.sleep(200);
            }
            assertTrue(metrics.size() >= 30, "metrics: " + metrics.size());
            assertTrue(metrics.get(0).has("value"));
            assertTrue(Files.isRegularFile(dir.resolve("data/anomaly-hunter.db")), "data in ./data");
            assertTrue(d.logText().contains("config embedded defaults"), d.logText());

            ChromeDriver browser = Browser.start(dir.resolve("chromium-profile"));
            try {
                browser.get(d.base + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(b -> "UP".equals(b.findElement(By.id("status")).getAttribute("data-status")));
                wait.until(b -> b.findElements(By.cssSelector("#metric-select option")).size() >= 30);
                wait.until(b -> "connected".equals(b.findElement(By.id("live")).getAttribute("data-state")));
                wait.until(b -> !"0".equals(String.valueOf(b.findElement(By.id("chart")).getAttribute("data-points")))
                        && b.findElement(By.id("chart")).getAttribute("data-points") != null);
                assertTrue(browser.findElement(By.id("chart-line")).getAttribute("d").startsWith("M"));
                String firstTime = browser.findElement(By.id("latest-time")).getAttribute("data-time");
                // Live: the next collection (10 s default interval) must show up without a reload.
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
                    String t = b.findElement(By.id("latest-time")).getAttribute("data-time");
                    return t != null && !t.equals(firstTime);
                });
                // The change feed: a port opened by another process appears live; the kind filter keeps only sockets.
                int port;
                try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                    port = free.getLocalPort();
                }
                Process listener = new ProcessBuilder("python3", "-c", "import socket,time; s=socket.socket(); "
                        + "s.bind(('127.0.0.1', " + port + ")); s.listen(1); time.sleep(60)").start();
                try {
                    String row = "#changes tr[data-subject='tcp/" + port + "']";
                    new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElements(By.cssSelector(row)).isEmpty());
                    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("change-kind"))).selectByVisibleText("socket");
                    // the table is redrawn every tick: a row found may be gone when its attribute is read
                    new WebDriverWait(browser, Duration.ofSeconds(10))
                            .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(b ->
                            b.findElements(By.cssSelector("#changes tr[data-kind]")).stream()
                                    .allMatch(r -> "socket".equals(r.getAttribute("data-kind")))
                                    && !b.findElements(By.cssSelector(row)).isEmpty());
                } finally {
                    listener.destroyForcibly().waitFor();
                }
                Files.write(Path.of("target/ui-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
            assertEquals(0, d.stop(), d.logText());
            assertTrue(d.logText().contains("anomaly-hunter stopped"), d.logText());
        }
    }
}
