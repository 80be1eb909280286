package dev.nightcast.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real Chromium for page tests: Debian's {@code chromium} and {@code chromium-driver} (or the
 * binaries named by {@code NIGHTCAST_TEST_CHROMIUM} and {@code NIGHTCAST_TEST_CHROMEDRIVER}),
 * driven by Selenium with the paths set, so Selenium Manager never downloads anything. Headless,
 * no sandbox (containers), no background traffic, a fresh profile per browser, console messages
 * kept for the test to read.
 *
 * <p>Without the binaries, a test is aborted with a message on a developer machine and
 * <em>fails</em> in CI ({@code CI=true}): {@code .ci/run} installs them.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {}

    /** A started browser; quit it, then delete {@code profile}. */
    public static ChromeDriver start(Path profile) throws IOException {
        Path browser = binary("NIGHTCAST_TEST_CHROMIUM", "/usr/bin/chromium");
        Path driver = binary("NIGHTCAST_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--no-first-run",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--autoplay-policy=no-user-gesture-required",
                        "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        return new ChromeDriver(service, options);
    }

    private static Path binary(String variable, String fallback) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = "No headless browser for the page test: " + path + " is missing (apt-get install chromium "
                + "chromium-driver, or set " + variable + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        return Assumptions.abort(message);
    }
}
