package dev.skirmish.lobby.admin;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; skipped when they
 * are not installed): an operator signs in, mutes a player whose next chat is refused, bans a player whose STOMP
 * connection is closed, and reads both actions in the audit log.
 */
class ConsoleBrowserTest extends AdminTestBase {
    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");
    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(BROWSER.canExecute() && DRIVER.canExecute(),
                "ConsoleBrowserTest skipped: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        var options = new ChromeOptions().setBinary(BROWSER)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void anOperatorSignsInMutesAndBansFromTheConsole() throws InterruptedException {
        JsonNode troll = http.guest(name("troll"));
        String trollId = troll.get("id").asString();
        JsonNode cheat = http.guest(name("cheat"));
        String cheatId = cheat.get("id").asString();
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get("http://127.0.0.1:" + port + "/console");
        browser.findElement(By.id("name")).sendKeys("root");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("signin-button")).click();
        wait.until(d -> d.findElement(By.id("app")).isDisplayed());
        wait.until(d -> d.findElement(By.id("who")).getText().contains("root"));

        try (var t = connect(trollId, troll.get("token").asString()); var c = connect(cheatId, cheat.get("token").asString())) {
            wait.until(d -> !d.findElement(By.id("players-online")).getText().equals("-"));

            moderate(wait, trollId, "spamming the lobby", "mute-button", "muted until");
            t.chat("/app/lobby/chat", "more spam");
            assertThat(next(t.userErrors, null).get("code").asString()).isEqualTo("CHAT_MUTED");

            moderate(wait, cheatId, "wall hack", "ban-button", "banned");
            assertThat(c.errors.poll(10, TimeUnit.SECONDS)).isNotNull().contains("TOKEN_REVOKED");
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }

        wait.until(d -> {
            String audit = d.findElement(By.id("audit")).getText();
            return audit.contains("MUTE") && audit.contains(trollId) && audit.contains("BAN") && audit.contains(cheatId);
        });
    }

    private void moderate(WebDriverWait wait, String playerId, String reason, String button, String expected) {
        var id = browser.findElement(By.id("player-id"));
        id.clear();
        id.sendKeys(playerId);
        var why = browser.findElement(By.id("reason"));
        why.clear();
        why.sendKeys(reason);
        browser.findElement(By.id(button)).click();
        wait.until(d -> d.findElement(By.id("action-result")).getText().startsWith(expected));
    }
}
