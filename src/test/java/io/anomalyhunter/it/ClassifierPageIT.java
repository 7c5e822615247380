package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The traffic classifier on the web page, in headless Chromium against the packaged daemon with the shipped
 * model: one record predicted with its contributions, a CSV file classified with a summary and an export.
 */
class ClassifierPageIT {
    @TempDir
    Path dir;

    @Test
    void aRecordAndAnUploadAreClassifiedOnThePage() throws Exception {
        List<String> rows = Files.readAllLines(SharedData.require(
                SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt"), "NSL-KDD")).subList(0, 300);
        String neptune = rows.stream().filter(r -> r.split(",")[41].equals("neptune")).findFirst().orElseThrow();
        Path upload = Files.write(dir.resolve("rows.csv"), rows);
        Files.createDirectories(dir.resolve("models"));
        for (String f : List.of("traffic-classifier.onnx", "traffic-classifier.json")) {
            Files.copy(Path.of("models", f), dir.resolve("models").resolve(f));
        }
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 2s");
        try (DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            d.awaitHealthy(Duration.ofSeconds(60));
            ChromeDriver browser = Browser.start(dir.resolve("chromium-profile"));
            try {
                browser.get(d.base + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                wait.until(b -> b.findElement(By.id("model-info")).getText().contains("validation accuracy"));
                browser.findElement(By.id("predict-record")).sendKeys(String.join(",", List.of(neptune.split(",")).subList(0, 41)));
                browser.findElement(By.cssSelector("#predict-form button")).click();
                wait.until(b -> !b.findElements(By.cssSelector("#predicted-class[data-class=DoS]")).isEmpty());
                assertEquals(7, browser.findElements(By.cssSelector("#predict-result table:last-child tr")).size(),
                        "a header and six contributions");
                browser.findElement(By.id("batch-file")).sendKeys(upload.toString());
                browser.findElement(By.cssSelector("#batch-form button")).click();
                wait.until(b -> b.findElement(By.id("batch-result")).getText().contains("300 rows"));
                wait.until(b -> b.findElement(By.id("batch-export")).isDisplayed());
                assertTrue(!browser.findElements(By.cssSelector("#batch-counts tr[data-class=normal]")).isEmpty());
                assertTrue(browser.findElement(By.id("batch-export")).getAttribute("href").startsWith("blob:"));
                Files.write(Path.of("target/classifier-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
                // A bad record is answered on the page with the reason.
                browser.findElement(By.id("predict-record")).clear();
                browser.findElement(By.id("predict-record")).sendKeys("0,tcp,nosuch");
                browser.findElement(By.cssSelector("#predict-form button")).click();
                wait.until(b -> b.findElement(By.id("predict-result")).getText().contains("400: record:1: expected 41 to 43"));
            } finally {
                browser.quit();
            }
            assertEquals(0, d.stop(), d.logText());
        }
    }
}
