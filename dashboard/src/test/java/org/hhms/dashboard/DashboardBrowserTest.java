package org.hhms.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver) against the real services
 * ({@link BackendStack}): sign-in, urgency order, a posted reading on the chart, a new episode in the open inbox
 * without a reload, acknowledging it from the page, a caretaker kept from the care plan, CSRF, signing out.
 * Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {

    static final BackendStack STACK = BackendStack.start();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String PASSWORD = "a-long-test-password-1";

    static String adminToken;
    static UUID doctor;
    static String doctorEmail;
    static String caretakerEmail;
    static UUID critical;
    static UUID stable;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("hhms.dashboard.user-service", () -> STACK.url("user-service"));
        registry.add("hhms.dashboard.patient-data-service", () -> STACK.url("patient-data-service"));
        registry.add("hhms.dashboard.analytics-service", () -> STACK.url("analytics-service"));
        registry.add("hhms.dashboard.alerts-service", () -> STACK.url("alerts-service"));
        registry.add("management.server.port", () -> 0);
        // Every call refreshes the person's access token first (the margin is longer than a token lives): each page
        // works only if the dashboard rotates the refresh token right, one refresh at a time — a spent refresh token
        // presented twice would revoke them all and the next page would be the sign-in page.
        registry.add("hhms.dashboard.refresh-before", () -> "16m");
    }

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @BeforeAll
    static void careTeams() throws Exception {
        adminToken = login(BackendStack.ADMIN_EMAIL, BackendStack.ADMIN_PASSWORD);
        doctorEmail = BackendStack.randomEmail("doctor");
        doctor = register(doctorEmail, "Dr Dana Doctor", "doctor", PASSWORD);
        caretakerEmail = BackendStack.randomEmail("daughter");
        UUID caretaker = register(caretakerEmail, "Carla Caretaker", "caretaker", PASSWORD);
        stable = patientOf(doctor, "Anna Stable");
        critical = patientOf(doctor, "Zeno Critical");
        api("POST", STACK.url("user-service") + "/users/" + critical + "/care-team", Map.of("member_id", caretaker),
                adminToken);
        postReading(stable, Map.of("heart_rate", 72, "spo2", 97));
        postReading(critical, Map.of("heart_rate", 190, "spo2", 96));
        awaitOpenAlert(critical, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopStack() {
        STACK.close();
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium chromium-driver)")
                .exists();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signingInShowsMyPatientsWithTheCriticalOneFirst() throws Exception {
        signIn(doctorEmail);
        WebElement first = until(Duration.ofSeconds(10),
                () -> browser.findElements(By.cssSelector("#rows tr.patient")).stream().findFirst().orElse(null));
        assertThat(first.getAttribute("id")).isEqualTo("patient-" + critical);
        assertThat(first.getText()).contains("Zeno Critical").containsIgnoringCase("critical").contains("190");
        assertThat(browser.findElement(By.id("patient-" + stable)).getText()).contains("Anna Stable").contains("72");
        screenshot("patients.png");
    }

    @Test
    void aReadingPostedThroughTheApiAppearsOnThePatientsChart() throws Exception {
        // A patient of its own: analytics scores NEWS2 from each parameter's newest value, so a history posted after
        // a newer reading would be judged without one.
        UUID charted = patientOf(doctor, "Bea Chart");
        Instant now = Instant.now();
        for (int i = 36; i >= 1; i--) { // the last 6 hours, every 10 minutes: a slow, normal rise
            // Complete for NEWS2 (every parameter, on air, alert): analytics keeps each hour's lowest score.
            postReading(charted, Map.of("heart_rate", 64 + (36 - i) / 3, "spo2", 96 + i % 3, "respiratory_rate",
                    13 + i % 4, "temperature", 36.5 + (i % 5) / 10.0, "systolic_bp", 118 + i % 7, "diastolic_bp", 78,
                    "on_oxygen", false, "consciousness", "alert", "timestamp", now.minusSeconds(600L * i).toString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (api("GET", STACK.url("analytics-service") + "/analytics/news2/" + charted + "/hourly?hours=6", null,
                adminToken).size() < 5) { // analytics has judged the history
            assertThat(System.nanoTime()).as("the history judged").isLessThan(deadline);
            Thread.sleep(200);
        }
        signIn(doctorEmail);
        browser.get(base() + "/patients/" + charted);
        postReading(charted, Map.of("heart_rate", 77, "spo2", 98, "respiratory_rate", 14, "temperature", 36.8));
        // Read in one go: the live page may redraw the chart (a new element) between two looks at it.
        String points = until(Duration.ofSeconds(40), () -> {
            WebElement figure = browser.findElement(By.id("chart-heart_rate"));
            boolean drawn = figure.isDisplayed() && figure.getText().contains("latest 77")
                    && figure.findElement(By.tagName("canvas")).isDisplayed();
            return drawn ? figure.getAttribute("data-points") : null;
        });
        // 35 of the history's readings fall within the last 6 hours (the oldest is just outside), and the new one.
        assertThat(Integer.parseInt(points)).isGreaterThanOrEqualTo(36);
        WebElement news2 = until(Duration.ofSeconds(20), () -> {
            WebElement figure = browser.findElement(By.id("chart-news2"));
            return figure.isDisplayed() ? figure : null;
        });
        assertThat(Integer.parseInt(news2.getAttribute("data-points"))).as("hours of the last 6").isBetween(5, 7);
        screenshot("patient-charts.png");
    }

    @Test
    void anAbnormalReadingOpensAnEpisodeInTheOpenInboxWithoutAReloadAndItIsAcknowledgedFromThePage()
            throws Exception {
        String inboxDoctor = BackendStack.randomEmail("inbox-doctor");
        UUID inboxDoctorId = register(inboxDoctor, "Dr Ines Inbox", "doctor", PASSWORD);
        UUID patient = patientOf(inboxDoctorId, "Ivo Inbox");
        signIn(inboxDoctor);
        browser.get(base() + "/inbox");
        until(Duration.ofSeconds(10), () -> "on".equals(browser.findElement(By.tagName("body")).getAttribute(
                "data-live")) ? true : null);
        browser.executeScript("window.notReloaded = true");
        Instant posted = Instant.now();
        postReading(patient, Map.of("heart_rate", 195));
        // The list is re-rendered as alert events arrive: read what is needed inside the wait.
        String alertId = until(Duration.ofSeconds(2), () -> browser.findElements(By.cssSelector("#inbox article"))
                .stream().filter(a -> a.getText().contains("Ivo Inbox")).findFirst()
                .map(a -> a.getAttribute("id").substring("alert-".length())).orElse(null));
        Duration took = Duration.between(posted, Instant.now());
        assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);

        until(Duration.ofSeconds(5), () -> {
            browser.findElement(By.id("note-" + alertId)).sendKeys("called, ambulance on the way");
            return true;
        });
        browser.findElement(By.cssSelector("#alert-" + alertId + " button.acknowledge")).click();
        JsonNode acknowledged = until(Duration.ofSeconds(5), () -> {
            JsonNode alerts = api("GET", STACK.url("alerts-service") + "/alerts/" + patient, null, adminToken);
            for (JsonNode a : alerts) {
                if (a.get("id").asString().equals(alertId) && a.get("status").asString().equals("acknowledged")) {
                    return a;
                }
            }
            return null;
        });
        assertThat(acknowledged.get("acknowledged_by").asString()).isEqualTo(inboxDoctorId.toString());
        assertThat(acknowledged.get("acknowledgement_note").asString()).isEqualTo("called, ambulance on the way");
        until(Duration.ofSeconds(5), () -> browser.findElement(By.id("alert-" + alertId)).getText()
                .contains("acknowledged") ? true : null);
        screenshot("inbox.png");
    }

    @Test
    void aCaretakerSeesTheirPatientButCannotReachTheCarePlan() throws Exception {
        signIn(caretakerEmail);
        until(Duration.ofSeconds(10), () -> browser.findElements(By.id("patient-" + critical)).stream().findFirst()
                .orElse(null));
        assertThat(browser.findElements(By.id("patient-" + stable))).as("not on her team").isEmpty();
        browser.get(base() + "/patients/" + critical);
        assertThat(browser.findElements(By.id("care-plan-link"))).isEmpty();
        assertThat(browser.findElements(By.id("charts"))).as("history is for doctors").isEmpty();
        browser.get(base() + "/patients/" + critical + "/care-plan");
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Not yours to see");
        assertThat(browser.findElements(By.id("care-plan"))).isEmpty();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/patients/" + critical
                + "/care-plan")).header("Cookie", sessionCookie()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndSigningOutEndsTheSession() throws Exception {
        signIn(doctorEmail);
        String cookie = sessionCookie();
        assertThat(browser.manage().getCookieNamed("HHMS_SESSION").isHttpOnly()).isTrue();
        HttpResponse<String> home = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Zeno Critical").doesNotContain("eyJ"); // no token in the page
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/inbox/"
                + UUID.randomUUID() + "/answer")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("status=resolved")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        browser.findElement(By.id("sign-out")).click();
        until(Duration.ofSeconds(5), () -> browser.getCurrentUrl().contains("/sign-in") ? true : null);
        assertThat(browser.getPageSource()).contains("You are signed out");
        browser.get(base() + "/");
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        HttpResponse<String> replay = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).as("the old session cookie is worth nothing").isEqualTo(302);
        assertThat(replay.headers().firstValue("Location").orElse("")).contains("/sign-in");
    }

    @Test
    void aDoctorChangesTheCarePlanWithAReasonAndARefusedValueChangesNothing() throws Exception {
        signIn(doctorEmail);
        browser.get(base() + "/patients/" + stable);
        browser.findElement(By.id("care-plan-link")).click();
        browser.findElement(By.id("heart_rate-max")).sendKeys("120");
        browser.findElement(By.id("reason")).sendKeys("beta blocker started");
        browser.findElement(By.cssSelector("#care-plan button[type=submit]")).click();
        until(Duration.ofSeconds(5), () -> browser.findElements(By.id("saved")).stream().findFirst().orElse(null));
        JsonNode rule = heartRateRule(stable);
        assertThat(rule.get("max").asDouble()).isEqualTo(120.0);
        assertThat(rule.get("max_source").asString()).isEqualTo("patient");
        assertThat(browser.findElement(By.id("heart_rate-max")).getAttribute("value")).isEqualTo("120.0");

        browser.findElement(By.id("heart_rate-min")).sendKeys("abc");
        browser.findElement(By.id("reason")).sendKeys("typo");
        browser.findElement(By.cssSelector("#care-plan button[type=submit]")).click();
        assertThat(until(Duration.ofSeconds(5), () -> browser.findElement(By.cssSelector(".problem"))).getText())
                .contains("heart_rate.min");
        assertThat(heartRateRule(stable).get("min_source").asString()).as("nothing changed").isEqualTo("default");
    }

    @Test
    void anAdminRegistersADeviceAndSeesItsTokenOnceOnly() {
        browser.get(base() + "/sign-in");
        browser.findElement(By.id("email")).sendKeys(BackendStack.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(BackendStack.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        until(Duration.ofSeconds(10), () -> browser.findElements(By.id("sign-out")).stream().findFirst().orElse(null));
        browser.get(base() + "/admin");
        assertThat(browser.getPageSource()).contains("Zeno Critical").contains(doctorEmail);
        browser.get(base() + "/admin/patients/" + stable + "/devices");
        browser.findElement(By.id("device-id")).sendKeys("watch-admin-1");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        String token = until(Duration.ofSeconds(5), () -> browser.findElement(By.cssSelector("#new-token textarea")))
                .getText();
        assertThat(token.split("\\.")).as("a JWT").hasSize(3);
        browser.get(base() + "/admin/patients/" + stable + "/devices");
        assertThat(browser.findElements(By.id("new-token"))).as("shown once").isEmpty();
        assertThat(browser.getPageSource()).contains("watch-admin-1").doesNotContain(token);
        JsonNode devices = api("GET", STACK.url("user-service") + "/users/" + stable + "/devices", null, adminToken);
        assertThat(devices.findValuesAsString("device_id")).contains("watch-admin-1");
    }

    private JsonNode heartRateRule(UUID patient) {
        for (JsonNode rule : api("GET", STACK.url("analytics-service") + "/analytics/care-plan/" + patient, null,
                adminToken).get("metrics")) {
            if (rule.get("metric").asString().equals("heart_rate")) {
                return rule;
            }
        }
        throw new AssertionError("no heart_rate rule in the care plan");
    }

    @Test
    void aWrongPasswordIsSaidOnTheSignInPage() {
        browser.get(base() + "/sign-in");
        browser.findElement(By.id("email")).sendKeys(doctorEmail);
        browser.findElement(By.id("password")).sendKeys("not-the-password-at-all");
        browser.findElement(By.id("sign-in")).click();
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Email or password is wrong");
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
    }

    private void signIn(String email) {
        browser.get(base() + "/");
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        until(Duration.ofSeconds(10), () -> browser.findElements(By.id("sign-out")).stream().findFirst().orElse(null));
    }

    private String sessionCookie() {
        Cookie cookie = browser.manage().getCookieNamed("HHMS_SESSION");
        return cookie.getName() + "=" + cookie.getValue();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void screenshot(String name) throws Exception {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T until(Duration timeout, java.util.function.Supplier<T> condition) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(50)).ignoring(RuntimeException.class)
                .until(driver -> condition.get());
    }

    // --- the API, as a device or admin would call it ---

    static String login(String email, String password) throws Exception {
        return api("POST", STACK.url("user-service") + "/users/login", Map.of("email", email, "password", password),
                null).get("access_token").asString();
    }

    static UUID register(String email, String name, String role, String password) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "full_name", name, "role", role));
        if (password != null) {
            body.put("password", password);
        }
        return UUID.fromString(api("POST", STACK.url("user-service") + "/users/register", body, adminToken)
                .get("id").asString());
    }

    static UUID patientOf(UUID doctorId, String name) throws Exception {
        UUID patient = register(BackendStack.randomEmail("patient"), name, "patient", null);
        api("POST", STACK.url("user-service") + "/users/relationships",
                Map.of("doctor_id", doctorId, "patient_id", patient), adminToken);
        return patient;
    }

    static void postReading(UUID patient, Map<String, Object> values) throws Exception {
        Map<String, Object> reading = new java.util.HashMap<>(values);
        reading.putIfAbsent("timestamp", Instant.now().toString());
        api("POST", STACK.url("patient-data-service") + "/patient/" + patient, reading, adminToken);
    }

    static void awaitOpenAlert(UUID patient, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api("GET", STACK.url("alerts-service") + "/alerts/" + patient + "?status=open", null, adminToken)
                .isEmpty()) {
            assertThat(System.nanoTime()).as("an open alert for " + patient).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static JsonNode api(String method, String url, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
