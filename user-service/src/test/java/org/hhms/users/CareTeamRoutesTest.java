package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** The HHMS relationship routes and the care-team routes: success and each error. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CareTeamRoutesTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_careteam");
    }

    @Test
    void linkAnswersThePatientWithItsPrimaryDoctorAndIsIdempotent() {
        UUID doctor = register("doctor", "Doc Link");
        UUID patient = register("patient", "Pat Link");
        JsonNode linked = post("/users/relationships", Map.of("doctor_id", doctor, "patient_id", patient), 200);
        assertThat(linked.get("id").asString()).isEqualTo(patient.toString());
        assertThat(linked.get("doctor_id").asString()).isEqualTo(doctor.toString());
        JsonNode again = post("/users/relationships", Map.of("doctor_id", doctor, "patient_id", patient), 200);
        assertThat(again.get("doctor_id").asString()).isEqualTo(doctor.toString());
        assertThat(get("/users/" + patient + "/care-team", 200).get("members")).hasSize(1);
        assertThat(events("care_team.changed", patient)).hasSize(1);
    }

    @Test
    void aSecondDoctorJoinsWithoutTakingOverAsPrimary() {
        UUID first = register("doctor", "Doc One");
        UUID second = register("doctor", "Doc Two");
        UUID patient = register("patient", "Pat Two Doctors");
        link(first, patient);
        JsonNode linked = post("/users/relationships", Map.of("doctor_id", second, "patient_id", patient), 200);
        assertThat(linked.get("doctor_id").asString()).isEqualTo(first.toString());
        assertThat(get("/users/relationships/check?doctor_id=" + second + "&patient_id=" + patient, 200)
                .get("assigned").asBoolean()).isTrue();
    }

    @Test
    void linkErrorsNameWhatIsWrong() {
        UUID doctor = register("doctor", "Doc Errors");
        UUID patient = register("patient", "Pat Errors");
        UUID caretaker = register("caretaker", "Care Errors");
        UUID unknown = UUID.randomUUID();
        assertThat(post("/users/relationships", Map.of("doctor_id", unknown, "patient_id", patient), 404)
                .get("detail").asString()).contains("doctor_id").contains(unknown.toString());
        assertThat(post("/users/relationships", Map.of("doctor_id", doctor, "patient_id", unknown), 404)
                .get("detail").asString()).contains("patient_id");
        assertThat(post("/users/relationships", Map.of("doctor_id", caretaker, "patient_id", patient), 400)
                .get("detail").asString()).contains("doctor_id").contains("not a doctor");
        assertThat(post("/users/relationships", Map.of("doctor_id", doctor, "patient_id", caretaker), 400)
                .get("detail").asString()).contains("patient_id").contains("not a patient");
        assertThat(post("/users/relationships", Map.of("doctor_id", doctor, "patient_id", doctor), 400)
                .get("detail").asString()).contains("themselves");
        assertThat(post("/users/relationships", Map.of("doctor_id", doctor), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("patient_id");
        assertThat(post("/users/relationships", Map.of("doctor_id", "xyz", "patient_id", patient), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("doctor_id");
    }

    @Test
    void unlinkIsIdempotentAndPromotesTheNextDoctor() {
        UUID first = register("doctor", "Doc Leaves");
        UUID second = register("doctor", "Doc Stays");
        UUID patient = register("patient", "Pat Unlink");
        link(first, patient);
        link(second, patient);
        JsonNode after = unlink(first, patient, 200);
        assertThat(after.get("doctor_id").asString()).isEqualTo(second.toString());
        assertThat(unlink(first, patient, 200).get("doctor_id").asString()).isEqualTo(second.toString());
        assertThat(get("/users/relationships/check?doctor_id=" + first + "&patient_id=" + patient, 200)
                .get("assigned").asBoolean()).isFalse();
        unlink(UUID.randomUUID(), patient, 404);
        unlink(patient, patient, 400);
    }

    @Test
    void checkAnswersAssignedOr404Or400() {
        UUID doctor = register("doctor", "Doc Check");
        UUID patient = register("patient", "Pat Check");
        assertThat(get("/users/relationships/check?doctor_id=" + doctor + "&patient_id=" + patient, 200)
                .get("assigned").asBoolean()).isFalse();
        get("/users/relationships/check?doctor_id=" + UUID.randomUUID() + "&patient_id=" + patient, 404);
        get("/users/relationships/check?doctor_id=" + patient + "&patient_id=" + doctor, 400);
        assertThat(get("/users/relationships/check?doctor_id=" + doctor, 400).get("detail").asString())
                .contains("patient_id");
    }

    @Test
    void patientsOfADoctorListsActivePatientsOnly() {
        UUID doctor = register("doctor", "Doc Patients");
        UUID alice = register("patient", "Alice");
        UUID bob = register("patient", "Bob");
        link(doctor, alice);
        link(doctor, bob);
        assertThat(get("/users/" + doctor + "/patients", 200).findValuesAsString("full_name"))
                .containsExactly("Alice", "Bob");
        client.delete().uri("/users/" + bob).exchange().expectStatus().isNoContent();
        assertThat(get("/users/" + doctor + "/patients", 200).findValuesAsString("id"))
                .containsExactly(alice.toString());
        get("/users/" + UUID.randomUUID() + "/patients", 404);
        assertThat(get("/users/" + alice + "/patients", 400).get("detail").asString())
                .contains("not a doctor or caretaker");
    }

    @Test
    void patientsOfACaretakerAreThoseWhoseTeamTheyAreOn() {
        UUID daughter = register("caretaker", "Daughter Patients");
        UUID father = register("patient", "Father");
        register("patient", "Stranger");
        post("/users/" + father + "/care-team", Map.of("member_id", daughter), 200);
        assertThat(get("/users/" + daughter + "/patients", 200).findValuesAsString("id"))
                .containsExactly(father.toString());
    }

    @Test
    void theDirectoryListsActivePeopleOfARoleByName() {
        UUID zed = register("caretaker", "Zed Directory");
        UUID amy = register("caretaker", "Amy Directory");
        UUID gone = register("caretaker", "Gone Directory");
        client.delete().uri("/users/" + gone).exchange().expectStatus().isNoContent();
        List<String> caretakers = get("/users?role=Caretaker&limit=1000", 200).findValuesAsString("id");
        assertThat(caretakers).contains(amy.toString(), zed.toString()).doesNotContain(gone.toString());
        assertThat(caretakers.indexOf(amy.toString())).isLessThan(caretakers.indexOf(zed.toString()));
        assertThat(get("/users?role=doctor", 200).findValuesAsString("role")).containsOnly("doctor");
        assertThat(get("/users?role=nurse", 400).get("detail").asString()).contains("role").contains("nurse");
        assertThat(get("/users?limit=0", 400).get("detail").asString()).contains("limit");
    }

    @Test
    void careTeamIsOrderedPrimaryDoctorThenDoctorsThenCaretakers() {
        UUID patient = register("patient", "Pat Team");
        UUID daughter = register("caretaker", "Daughter");
        UUID gp = register("doctor", "GP");
        UUID cardiologist = register("doctor", "Cardiologist");
        post("/users/" + patient + "/care-team", Map.of("member_id", daughter), 200);
        link(gp, patient);
        link(cardiologist, patient);

        JsonNode team = get("/users/" + patient + "/care-team", 200);
        assertThat(team.get("patient_id").asString()).isEqualTo(patient.toString());
        JsonNode members = team.get("members");
        assertThat(members.findValuesAsString("full_name")).containsExactly("GP", "Cardiologist", "Daughter");
        assertThat(members.findValuesAsString("role")).containsExactly("doctor", "doctor", "caretaker");
        assertThat(members.get(0).get("is_primary").asBoolean()).isTrue();
        assertThat(members.get(0).get("phone").asString()).isEqualTo("+15555550123");
        assertThat(members.findValues("escalation_order").stream().map(JsonNode::asInt))
                .containsExactly(1, 2, 3);
        // The event of the last change carries the whole team (the relay sends it right after the commit).
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (events("care_team.changed", patient).getLast().get("data").get("members").size() < 3
                && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(events("care_team.changed", patient).getLast().get("data").get("members")).hasSize(3);
    }

    @Test
    void careTeamMemberErrors() {
        UUID patient = register("patient", "Pat Member Errors");
        UUID otherPatient = register("patient", "Other Patient");
        UUID admin = register("admin", "Admin");
        UUID carer = register("caretaker", "Carer");
        assertThat(post("/users/" + patient + "/care-team", Map.of("member_id", otherPatient), 400)
                .get("detail").asString()).contains("member_id");
        post("/users/" + patient + "/care-team", Map.of("member_id", admin), 400);
        post("/users/" + patient + "/care-team", Map.of("member_id", UUID.randomUUID()), 404);
        post("/users/" + UUID.randomUUID() + "/care-team", Map.of("member_id", carer), 404);
        get("/users/" + carer + "/care-team", 400);
        get("/users/" + UUID.randomUUID() + "/care-team", 404);
        client.delete().uri("/users/" + patient + "/care-team/" + carer).exchange().expectStatus().isNotFound();
        post("/users/" + patient + "/care-team", Map.of("member_id", carer), 200);
        String removed = client.delete().uri("/users/" + patient + "/care-team/" + carer).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(mapper.readTree(removed).get("members")).isEmpty();
    }

    private JsonNode unlink(UUID doctorId, UUID patientId, int expectedStatus) {
        String json = client.method(HttpMethod.DELETE).uri("/users/relationships/unlink")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("doctor_id", doctorId, "patient_id", patientId))
                .exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }
}
