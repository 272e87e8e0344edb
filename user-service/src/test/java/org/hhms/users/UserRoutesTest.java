package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** Register, read, change and deactivate people: each route's success and each of its errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserRoutesTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_users");
    }

    @Test
    void registerAnswers201WithTheUserAndAcceptsNameForFullName() {
        String email = "Dr.House." + UUID.randomUUID().toString().substring(0, 6) + "@Example.ORG";
        client.post().uri("/users/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "name", "Gregory House", "role", "Doctor", "phone", "+15555550100",
                        "organization", "PPTH"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).startsWith("/users/"))
                .expectBody()
                .jsonPath("$.id").value(String.class, id -> assertThat(UUID.fromString(id).version()).isEqualTo(4))
                .jsonPath("$.email").isEqualTo(email.toLowerCase())
                .jsonPath("$.full_name").isEqualTo("Gregory House")
                .jsonPath("$.role").isEqualTo("doctor")
                .jsonPath("$.phone").isEqualTo("+15555550100")
                .jsonPath("$.organization").isEqualTo("PPTH")
                .jsonPath("$.is_active").isEqualTo(true)
                .jsonPath("$.doctor_id").isEmpty()
                .jsonPath("$.created_at").value(String.class, ts -> assertThat(ts).endsWith("Z"))
                .jsonPath("$.updated_at").exists();
    }

    @Test
    void registerPublishesUserRegistered() {
        UUID id = register("patient", "Ada Event");
        JsonNode event = events("user.registered", id).getFirst();
        assertThat(event.get("event_id").asString()).hasSize(36);
        assertThat(event.get("occurred_at").asString()).endsWith("Z");
        assertThat(event.get("data").get("id").asString()).isEqualTo(id.toString());
        assertThat(event.get("data").get("role").asString()).isEqualTo("patient");
    }

    @Test
    void registerRejectsADuplicateEmailInAnyCaseWith409() {
        String email = "twin." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        register(Map.of("email", email, "full_name", "Twin One", "role", "patient"));
        JsonNode problem = post("/users/register",
                Map.of("email", email.toUpperCase(), "full_name", "Twin Two", "role", "patient"), 409);
        assertThat(problem.get("detail").asString()).contains("email").contains(email);
    }

    @Test
    void registerRejectsUnknownKeysNamingThem() {
        JsonNode problem = post("/users/register",
                Map.of("email", "x@example.org", "full_name", "X", "role", "patient", "shoe_size", 44), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("shoe_size");
        assertThat(problem.get("detail").asString()).contains("shoe_size").contains("unknown field");
    }

    @Test
    void registerRejectsAPhoneThatIsNotE164() {
        JsonNode problem = post("/users/register",
                Map.of("email", "p@example.org", "full_name", "P", "role", "patient", "phone", "555-0100"), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("phone");
        assertThat(problem.get("detail").asString()).contains("E.164");
    }

    @Test
    void registerListsEveryMissingOrInvalidField() {
        JsonNode problem = post("/users/register", Map.of("email", "not-an-email", "role", "patient"), 400);
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("email",
                "full_name");
    }

    @Test
    void registerRejectsAnUnknownRoleNamingTheAllowedOnes() {
        JsonNode problem = post("/users/register",
                Map.of("email", "r@example.org", "full_name", "R", "role", "nurse"), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("role");
        assertThat(problem.get("detail").asString()).contains("patient, doctor, caretaker, admin");
    }

    @Test
    void registerRejectsABodyThatIsNotJson() {
        client.post().uri("/users/register").contentType(MediaType.APPLICATION_JSON).body("{not json")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void getByIdAnswersTheUserOr404OrA400ForABadUuid() {
        UUID id = register("caretaker", "Carla Carer");
        get("/users/" + id, 200);
        assertThat(get("/users/" + id, 200).get("role").asString()).isEqualTo("caretaker");
        UUID unknown = UUID.randomUUID();
        assertThat(get("/users/" + unknown, 404).get("detail").asString()).contains(unknown.toString());
        JsonNode bad = get("/users/not-a-uuid", 400);
        assertThat(bad.get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(bad.get("detail").asString()).contains("UUID");
    }

    @Test
    void getByEmailIsCaseInsensitiveAnd404WhenUnknown() {
        String email = "look.up." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        UUID id = register(Map.of("email", email, "full_name", "Look Up", "role", "patient"));
        assertThat(get("/users/email/" + email.toUpperCase(), 200).get("id").asString()).isEqualTo(id.toString());
        get("/users/email/nobody-" + UUID.randomUUID() + "@example.org", 404);
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndPublishesUserUpdated() {
        UUID id = register("patient", "Pat Patch");
        JsonNode before = get("/users/" + id, 200);
        JsonNode after = patch(id, Map.of("full_name", "Patricia Patch", "phone", "+447700900123"), 200);
        assertThat(after.get("full_name").asString()).isEqualTo("Patricia Patch");
        assertThat(after.get("phone").asString()).isEqualTo("+447700900123");
        assertThat(after.get("email").asString()).isEqualTo(before.get("email").asString());
        assertThat(after.get("updated_at").asString()).isNotEqualTo(before.get("updated_at").asString());
        assertThat(events("user.updated", id)).isNotEmpty();
    }

    @Test
    void theSeedsPostUpdateRouteChangesAUserAsPatchDoes() {
        UUID id = register("patient", "Pat Post");
        JsonNode after = post("/users/" + id, Map.of("full_name", "Patricia Post"), 200);
        assertThat(after.get("full_name").asString()).isEqualTo("Patricia Post");
        assertThat(get("/users/" + id, 200).get("full_name").asString()).isEqualTo("Patricia Post");
        assertThat(post("/users/" + id, Map.of("phone", "12345"), 400).get("errors").get(0).get("field").asString())
                .isEqualTo("phone");
        post("/users/" + UUID.randomUUID(), Map.of("full_name", "Nobody"), 404);
    }

    @Test
    void patchErrors() {
        UUID patient = register("patient", "Pat Errors");
        UUID other = register("patient", "Other Person");
        String taken = get("/users/" + other, 200).get("email").asString();
        assertThat(patch(patient, Map.of("email", taken.toUpperCase()), 409).get("detail").asString())
                .contains(taken);
        patch(UUID.randomUUID(), Map.of("full_name", "Nobody"), 404);
        assertThat(patch(patient, Map.of("phone", "12345"), 400).get("errors").get(0).get("field").asString())
                .isEqualTo("phone");
        assertThat(patch(patient, Map.of("doctor_id", other.toString()), 400).get("detail").asString())
                .contains("not a doctor");
        UUID doctor = register("doctor", "Doc Patch");
        assertThat(patch(doctor, Map.of("doctor_id", doctor.toString()), 400).get("detail").asString())
                .contains("patients only");
        patch(patient, Map.of("is_active", false), 400);
    }

    @Test
    void patchDoctorIdMakesThatDoctorThePrimaryOne() {
        UUID patient = register("patient", "Pat Primary");
        UUID first = register("doctor", "Doc First");
        UUID second = register("doctor", "Doc Second");
        link(first, patient);
        assertThat(get("/users/" + patient, 200).get("doctor_id").asString()).isEqualTo(first.toString());
        JsonNode patched = patch(patient, Map.of("doctor_id", second.toString()), 200);
        assertThat(patched.get("doctor_id").asString()).isEqualTo(second.toString());
        JsonNode team = get("/users/" + patient + "/care-team", 200).get("members");
        assertThat(team.get(0).get("user_id").asString()).isEqualTo(second.toString());
        assertThat(team.get(0).get("is_primary").asBoolean()).isTrue();
        assertThat(team.get(1).get("user_id").asString()).isEqualTo(first.toString());
    }

    @Test
    void deleteDeactivatesTheUserWhoThenDisappearsEverywhereAndFreesTheEmail() {
        UUID doctor = register("doctor", "Doc Leaving");
        UUID patient = register("patient", "Pat Staying");
        link(doctor, patient);
        String email = get("/users/" + doctor, 200).get("email").asString();

        client.delete().uri("/users/" + doctor).exchange().expectStatus().isNoContent();

        get("/users/" + doctor, 404);
        get("/users/email/" + email, 404);
        client.delete().uri("/users/" + doctor).exchange().expectStatus().isNotFound();
        assertThat(get("/users/" + patient + "/care-team", 200).get("members")).isEmpty();
        assertThat(get("/users/" + patient, 200).get("doctor_id").isNull()).isTrue();
        assertThat(events("user.deactivated", doctor).getFirst().get("data").get("is_active").asBoolean())
                .isFalse();
        assertThat(events("care_team.changed", patient)).isNotEmpty();
        // The address is free again: a new account, a new id.
        UUID again = register(Map.of("email", email, "full_name", "Doc Returning", "role", "doctor"));
        assertThat(again).isNotEqualTo(doctor);
    }

    @Test
    void deleteOfAnUnknownUserIs404() {
        client.delete().uri("/users/" + UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void everyProblemCarriesTheRequestId() {
        client.get().uri("/users/" + UUID.randomUUID()).header("X-Request-ID", "problem-trace-7").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.request_id").isEqualTo("problem-trace-7");
        client.get().uri("/users/not-a-uuid").header("X-Request-ID", "problem-trace-8").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.request_id").isEqualTo("problem-trace-8");
    }

    private JsonNode patch(UUID id, Map<String, Object> body, int expectedStatus) {
        String json = client.patch().uri("/users/" + id).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }
}
