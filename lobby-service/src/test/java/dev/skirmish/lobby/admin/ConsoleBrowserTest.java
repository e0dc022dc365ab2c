package dev.skirmish.lobby.admin;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.skirmish.lobby.support.FakeOrchestrator;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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
 * connection is closed, and reads both actions in the audit log; a match started meanwhile appears without a reload,
 * and the players and sessions pages work.
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

    /**
     * A match started while the operator watches appears without a reload; players are found by name and opened;
     * the sessions page shows a game server's log lines as text (a line that is markup stays text).
     */
    @Test
    void aRunningMatchAppearsLiveAndThePlayersAndSessionsPagesWork() {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // the tables are rebuilt by every refresh
        String sessionId = FakeOrchestrator.shared().sessionWithLog("room-" + java.util.UUID.randomUUID(),
                java.util.List.of("game server starting", "<b id=\"pwned\">hostile</b>"));
        signIn(wait);

        String roomName = name("arena");
        JsonNode alice = http.guest(name("alice"));
        JsonNode bob = http.guest(name("bob"));
        String aliceToken = alice.get("token").asString();
        String bobToken = bob.get("token").asString();
        String roomId = http.post("/api/rooms", aliceToken, "{\"name\":\"" + roomName + "\",\"capacity\":2}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", bobToken, "{}");
        http.post("/api/rooms/" + roomId + "/ready", aliceToken, "{\"ready\":true}");
        http.post("/api/rooms/" + roomId + "/ready", bobToken, "{\"ready\":true}");
        assertThat(http.post("/api/rooms/" + roomId + "/start", aliceToken, null).status()).isEqualTo(200);
        // no reload: the page's own refresh brings the match in
        wait.until(d -> {
            String matches = d.findElement(By.id("match-list")).getText();
            return matches.contains(roomName) && matches.contains("RUNNING");
        });

        browser.findElement(By.id("player-search")).sendKeys(alice.get("name").asString());
        browser.findElement(By.id("search-button")).click();
        String aliceId = alice.get("id").asString();
        wait.until(d -> d.findElement(By.id("player-list")).getText().contains(aliceId));
        wait.until(d -> {
            d.findElement(By.xpath("//table[@id='player-list']//tr[td[text()='" + aliceId + "']]//button")).click();
            return d.findElement(By.id("player-detail")).isDisplayed() && d.findElement(By.id("player-name")).getText().contains(aliceId);
        });
        wait.until(d -> d.findElement(By.id("player-matches")).getText().contains(roomName));

        wait.until(d -> {
            d.findElement(By.xpath("//table[@id='session-list']//tr[td[text()='" + sessionId + "']]//button[text()='log']")).click();
            return d.findElement(By.id("session-log")).getText().contains("<b id=\"pwned\">hostile</b>");
        });
        assertThat(browser.findElements(By.id("pwned"))).as("a log line never becomes markup").isEmpty();
        assertThat(browser.findElement(By.id("log-process")).getText()).isEqualTo("pid 4242");
    }

    private void signIn(WebDriverWait wait) {
        browser.get("http://127.0.0.1:" + port + "/console");
        browser.findElement(By.id("name")).sendKeys("root");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("signin-button")).click();
        wait.until(d -> d.findElement(By.id("app")).isDisplayed());
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
