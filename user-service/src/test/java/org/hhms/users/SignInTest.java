package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import tools.jackson.databind.JsonNode;

/** Passwords, login, refresh rotation, logout, the bootstrap admin, and device tokens with their revocation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hhms.users.admin.email=root@hhms.test", "hhms.users.admin.password=bootstrap-password-1",
        "hhms.users.bcrypt-strength=4", "hhms.security.revocation-refresh=200ms" })
class SignInTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_signin");
    }

    RestTestClient anonymous() {
        return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    JsonNode call(String method, String path, String token, String body, int status) {
        var request = anonymous().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        String json = request.exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
                .getResponseBody();
        return json == null ? null : mapper.readTree(json);
    }

    JsonNode login(String email, String password, int status) {
        return call("POST", "/users/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", status);
    }

    @Test
    void theBootstrapAdminSignsInAndGetsAWorkingAccessToken() {
        JsonNode tokens = login("root@hhms.test", "bootstrap-password-1", 200);
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(900);
        assertThat(tokens.get("user").get("role").asString()).isEqualTo("admin");
        JsonNode me = call("GET", "/users/" + tokens.get("user").get("id").asString(),
                tokens.get("access_token").asString(), null, 200);
        assertThat(me.get("email").asString()).isEqualTo("root@hhms.test");
        assertThat(me.toString()).doesNotContain("password");
    }

    @Test
    void aWrongPasswordAnUnknownEmailAndAnAccountWithoutPasswordAreTheSame401() {
        String email = "pw." + UUID.randomUUID() + "@example.org";
        JsonNode created = post("/users/register", Map.of("email", email, "full_name", "Pat", "role", "patient",
                "password", "correct-horse-1"), 201);
        assertThat(created.toString()).doesNotContain("correct-horse-1").doesNotContain("password");
        String wrong = login(email, "incorrect-horse", 401).get("detail").asString();
        assertThat(login("nobody." + UUID.randomUUID() + "@example.org", "correct-horse-1", 401).get("detail")
                .asString()).isEqualTo(wrong);
        UUID noPassword = register("patient", "No Password");
        String email2 = get("/users/" + noPassword, 200).get("email").asString();
        assertThat(login(email2, "anything-at-all", 401).get("detail").asString()).isEqualTo(wrong);
        post("/users/register", Map.of("email", "short." + UUID.randomUUID() + "@example.org", "full_name", "S",
                "role", "patient", "password", "short"), 400);
        login(email.toUpperCase(), "correct-horse-1", 200);
    }

    @Test
    void aRefreshTokenIsSpentOnUseAndPresentingItAgainRevokesItsSuccessor() {
        String email = "rt." + UUID.randomUUID() + "@example.org";
        post("/users/register", Map.of("email", email, "full_name", "Doc", "role", "doctor",
                "password", "refresh-me-please"), 201);
        JsonNode first = login(email, "refresh-me-please", 200);
        String refresh = "{\"refresh_token\":\"" + first.get("refresh_token").asString() + "\"}";
        JsonNode second = call("POST", "/users/token/refresh", null, refresh, 200);
        assertThat(second.get("refresh_token").asString()).isNotEqualTo(first.get("refresh_token").asString());
        assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
        assertThat(call("POST", "/users/token/refresh", null, refresh, 401).get("detail").asString())
                .contains("already used");
        // The successor was revoked with it: whoever copied the first token cannot keep a session alive.
        call("POST", "/users/token/refresh", null,
                "{\"refresh_token\":\"" + second.get("refresh_token").asString() + "\"}", 401);
        call("POST", "/users/token/refresh", null, "{\"refresh_token\":\"made-up\"}", 401);
    }

    @Test
    void logoutSpendsTheRefreshTokenAndAPasswordChangeSignsOutEverywhere() {
        String email = "lo." + UUID.randomUUID() + "@example.org";
        UUID id = register(Map.of("email", email, "full_name", "Care", "role", "caretaker",
                "password", "log-me-out-please"));
        JsonNode session = login(email, "log-me-out-please", 200);
        String access = session.get("access_token").asString();
        String refresh = "{\"refresh_token\":\"" + session.get("refresh_token").asString() + "\"}";
        call("POST", "/users/logout", access, refresh, 204);
        call("POST", "/users/token/refresh", null, refresh, 401);

        JsonNode other = login(email, "log-me-out-please", 200);
        call("PATCH", "/users/" + id, access, "{\"password\":\"a-brand-new-password\"}", 200);
        call("POST", "/users/token/refresh", null,
                "{\"refresh_token\":\"" + other.get("refresh_token").asString() + "\"}", 401);
        login(email, "log-me-out-please", 401);
        login(email, "a-brand-new-password", 200);
    }

    @Test
    void expiredForgedAndOtherIssuersAccessTokensAre401() {
        String expired = TestTokens.token(TestTokens.ADMIN_ID.toString(), "admin", Duration.ofMinutes(-1), Map.of(),
                TestTokens.SECRET);
        String forged = TestTokens.token(TestTokens.ADMIN_ID.toString(), "admin", Duration.ofMinutes(5), Map.of(),
                "an-attacker-secret-of-at-least-32-bytes-xyz");
        String otherIssuer = TestTokens.token(TestTokens.ADMIN_ID.toString(), "admin", Duration.ofMinutes(5),
                Map.of("iss", "https://elsewhere.example"), TestTokens.SECRET);
        for (String token : new String[] { expired, forged, otherIssuer }) {
            JsonNode problem = call("GET", "/users/audit", token, null, 401);
            assertThat(problem.get("detail").asString()).startsWith("The bearer token was refused");
            assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("at org.");
        }
        call("GET", "/users/audit", null, null, 401);
    }

    @Test
    void answersCarrySecurityHeadersAndErrorsCarryNoInternals() {
        var result = anonymous().get().uri("/users/" + UUID.randomUUID())
                .header("Authorization", TestTokens.bearer(TestTokens.person(UUID.randomUUID(), "doctor")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Content-Security-Policy", "frame-ancestors 'none'")
                .expectHeader().value("Cache-Control", v -> assertThat(v).contains("no-store"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(result).contains("\"status\":403").doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("SELECT");
        String unreadable = client.post().uri("/users/register").contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\": ").exchange().expectStatus().isBadRequest().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(unreadable).contains("not valid JSON").doesNotContain("Exception").doesNotContain("at tools.");
    }

    @Test
    void signInAttemptsAreLimitedPerAccountOnTheServiceItself() {
        String email = "guessed." + UUID.randomUUID() + "@example.org";
        register(Map.of("email", email, "full_name", "Guessed Person", "role", "doctor",
                "password", "the-real-password-1"));
        for (int i = 0; i < 10; i++) {
            login(email, "wrong-guess-number-" + i, 401);
        }
        JsonNode limited = call("POST", "/users/login", null, mapper.writeValueAsString(Map.of("email", email,
                "password", "the-real-password-1")), 429);
        assertThat(limited.get("detail").asString()).contains("Too many sign-in attempts");
        String other = "other." + UUID.randomUUID() + "@example.org";
        register(Map.of("email", other, "full_name", "Other Person", "role", "doctor",
                "password", "another-password-1"));
        login(other, "another-password-1", 200);
    }

    @Test
    void aDeviceTokenIsShownOnceStoredAsAHashAndRefusedEverywhereOnceRevoked() {
        UUID patient = register("patient", "Device Owner");
        JsonNode device = post("/users/" + patient + "/devices", Map.of("device_id", "watch-1",
                "description", "wrist"), 201);
        String token = device.get("token").asString();
        String key = device.get("id").asString();
        post("/users/" + patient + "/devices", Map.of("device_id", "watch-1"), 409);
        JsonNode listed = get("/users/" + patient + "/devices", 200);
        assertThat(listed.toString()).doesNotContain(token).doesNotContain("token");
        assertThat(redis.opsForSet().isMember(keys.key("hhms:auth:revoked-devices"), key)).isFalse();

        call("GET", "/users/" + patient + "/devices", token, null, 403); // a valid token, but not a doctor's
        JsonNode revoked = client.delete().uri("/users/" + patient + "/devices/" + key).exchange().expectStatus()
                .isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(revoked.get("revoked_at").isNull()).isFalse();
        assertThat(redis.opsForSet().isMember(keys.key("hhms:auth:revoked-devices"), key)).isTrue();
        assertThat(await(Duration.ofSeconds(3), () -> anonymous().get().uri("/users/" + patient + "/devices")
                .header("Authorization", TestTokens.bearer(token)).exchange().returnResult(String.class)
                .getStatus().value() == 401)).isTrue();
        post("/users/" + patient + "/devices", Map.of("device_id", "watch-1"), 201); // the label is free again

        // Redis restarts without its data: the list (and the revocation in it) is published again within seconds.
        redis.delete(keys.key("hhms:auth:revoked-devices"));
        assertThat(await(Duration.ofSeconds(6), () -> Boolean.TRUE.equals(redis.opsForSet()
                .isMember(keys.key("hhms:auth:revoked-devices"), "published")))).isTrue();
        assertThat(redis.opsForSet().isMember(keys.key("hhms:auth:revoked-devices"), key)).isTrue();
    }

    @Test
    void aDoctorRegistersPatientsWhoGetThemAsPrimaryDoctorButNoDoctorsOrAdmins() {
        UUID doctor = register("doctor", "Registering Doctor");
        String token = TestTokens.person(doctor, "doctor");
        JsonNode patient = call("POST", "/users/register", token, "{\"email\":\"np." + UUID.randomUUID()
                + "@example.org\",\"full_name\":\"New Patient\",\"role\":\"patient\"}", 201);
        assertThat(patient.get("doctor_id").asString()).isEqualTo(doctor.toString());
        call("GET", "/users/" + patient.get("id").asString(), token, null, 200);
        for (String role : new String[] { "doctor", "admin" }) {
            call("POST", "/users/register", token, "{\"email\":\"x." + UUID.randomUUID()
                    + "@example.org\",\"full_name\":\"X\",\"role\":\"" + role + "\"}", 403);
        }
    }
}
