package dev.continuum.examples.blog.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through chromedriver, both from the operating system's packages
 * ({@code apt-get install chromium chromium-driver}; the paths are the system properties
 * {@code blog.chromium} and {@code blog.chromedriver}). Nothing is downloaded: with both binaries
 * given, Selenium Manager is never asked for one. Each browser has a fresh profile, removed on
 * close, and no background networking (the machine may have no network at all).
 */
public final class Browser implements AutoCloseable {

    /** The desktop window; a phone is 390 x 844. */
    public static final Dimension DESKTOP = new Dimension(1100, 820);

    private final WebDriver driver;
    private final Path profile;
    private final String base;
    private final Path screenshots;

    private Browser(WebDriver driver, Path profile, String base, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        this.screenshots = screenshots;
    }

    /** Starts a browser for the application at {@code base} ({@code http://127.0.0.1:port}). */
    public static Browser start(String base) throws IOException {
        Path profile = Files.createTempDirectory("blog-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--lang=en-US",
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Path screenshots = Path.of(System.getProperty("blog.screenshots", "target/screenshots"));
        return new Browser(driver, profile, base, screenshots);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application. */
    public void open(String path) {
        driver.get(base + path);
    }

    /** The element, waiting up to ten seconds for it. */
    public WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Clicks what submits a form or follows a link, and waits until the next page has replaced this one. */
    public void clickAndWait(By by) {
        replacedAfter(() -> driver.findElement(by).click());
    }

    /**
     * Does what loads another page (a click, a key), and waits until it has replaced this one: the
     * window's script globals are the page's, so a mark set on this page is gone from the next.
     */
    public void replacedAfter(Runnable action) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript("window.replacedAfterMark = true;");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                script.executeScript("return window.replacedAfterMark === undefined && document.readyState === 'complete';")));
    }

    /** The visible text of an element. */
    public String text(By by) {
        return find(by).getText();
    }

    /** Types into a field, replacing what it holds. */
    public void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Signs in, unless {@code user} is signed in already; signs out first when someone else is. */
    public void signIn(String user) {
        List<WebElement> current = driver.findElements(By.id("current-user"));
        if (!current.isEmpty() && current.get(0).getText().equals(user)) {
            return;
        }
        open("/login");
        if (!driver.findElements(By.id("current-user")).isEmpty()) {
            clickAndWait(By.cssSelector("header form.user button"));
        }
        type(By.id("username"), user);
        type(By.id("password"), user);
        clickAndWait(By.cssSelector("main form button[type=submit]"));
    }

    /** Saves a PNG of the window as {@code name.png} in the screenshots folder. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window. */
    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    static String chromium() {
        return System.getProperty("blog.chromium", "/usr/bin/chromium");
    }

    static String chromedriver() {
        return System.getProperty("blog.chromedriver", "/usr/bin/chromedriver");
    }

    /**
     * Runs the browser tests only where Chromium and chromedriver are installed, and the database of
     * this run is available. Outside CI a missing one skips them with a message saying what to
     * install; in CI ({@code CI=true}) nothing is skipped, so that a missing browser fails the build,
     * unless the run asks for it with {@code -Dblog.browser.skip=true}.
     */
    public static final class Available implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Boolean.getBoolean("blog.browser.skip")) {
                String why = "Browser tests skipped: -Dblog.browser.skip=true";
                System.err.println("SKIPPED " + why);
                return ConditionEvaluationResult.disabled(why);
            }
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            if (!Files.isExecutable(Path.of(chromium())) || !Files.isExecutable(Path.of(chromedriver()))) {
                String why = "Browser tests skipped: " + chromium() + " or " + chromedriver() + " is missing; install "
                        + "them with 'apt-get install chromium chromium-driver' (or set -Dblog.chromium and "
                        + "-Dblog.chromedriver)";
                if (!ci) {
                    System.err.println("SKIPPED " + why);
                    return ConditionEvaluationResult.disabled(why);
                }
            }
            TestDatabase database = TestDatabase.current();
            String unavailable = database.unavailability();
            if (unavailable != null && !database.required()) {
                System.err.println("SKIPPED " + unavailable);
                return ConditionEvaluationResult.disabled(unavailable);
            }
            return ConditionEvaluationResult.enabled("on " + database + " in Chromium");
        }
    }
}
