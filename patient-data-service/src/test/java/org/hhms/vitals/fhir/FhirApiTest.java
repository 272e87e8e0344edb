package org.hhms.vitals.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.fhir.VitalSign;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.FhirCalls;
import org.hhms.testsupport.FhirProfiles;
import org.hhms.testsupport.HttpTestSupport;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The FHIR R4 API of vital signs: every vital in through a transaction Bundle and out through search, $lastn and
 * read, each output valid against its R4 vital-signs profile; resends, bad entries, batches, paging, rights.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FhirApiTest extends HttpTestSupport {

    static final FakeUserService USERS = new FakeUserService();
    static final String DEVICE_ID = "hub-42";

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_fhir");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.fhir.public-url", () -> "https://hhms.example.org/");
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void everyVitalGoesInThroughATransactionAndComesOutOfSearchLastnAndReadValidAgainstItsProfile() {
        UUID patient = USERS.addPatient();
        String device = deviceToken(patient);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Bundle sent = transaction(
                quantity(patient, "hr-1", at, VitalSign.HEART_RATE.loinc(), 72, "/min"),
                quantity(patient, "spo2-1", at, VitalSign.PULSE_OXIMETRY, 96, "%"),
                quantity(patient, "rr-1", at, VitalSign.RESPIRATORY_RATE.loinc(), 16, "/min"),
                quantity(patient, "temp-1", at, VitalSign.BODY_TEMPERATURE.loinc(), 37.2, "Cel"),
                bloodPressure(patient, "bp-1", at, 128, 84),
                quantity(patient, "wt-1", at, VitalSign.BODY_WEIGHT.loinc(), 71.5, "kg"),
                quantity(patient, "glu-1", at, VitalSign.BLOOD_GLUCOSE.loinc(), 105, "mg/dL"));

        Bundle answer = send(device, sent, 200, Bundle.class);
        assertThat(answer.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus()).containsOnly("201 Created");
        assertThat(rows(patient)).isEqualTo(7);

        Bundle found = read("/fhir/Observation?patient=" + patient, TestTokens.admin(), 200, Bundle.class);
        assertThat(found.getType()).isEqualTo(BundleType.SEARCHSET);
        assertThat(found.getEntry()).hasSize(7);
        Map<String, Observation> byCode = new java.util.HashMap<>();
        for (BundleEntryComponent entry : found.getEntry()) {
            Observation o = (Observation) entry.getResource();
            byCode.put(o.getCode().getCodingFirstRep().getCode(), o);
            assertThat(entry.getFullUrl()).isEqualTo("https://hhms.example.org/fhir/Observation/" + o.getIdPart());
            assertThat(o.getSubject().getReference()).isEqualTo("Patient/" + patient);
            assertThat(o.getDevice().getIdentifier().getValue()).isEqualTo(DEVICE_ID);
            assertThat(((DateTimeType) o.getEffective()).getValue().toInstant()).isEqualTo(at);
            assertThat(FhirProfiles.errors(encode(o))).as(o.getCode().getText()).isEmpty();
        }
        assertThat(byCode.keySet()).containsExactlyInAnyOrder("8867-4", "2708-6", "9279-1", "8310-5", "85354-9",
                "29463-7", "2339-0");
        assertThat(value(byCode.get("8867-4"))).isEqualTo(72.0);
        assertThat(byCode.get("8867-4").getMeta().getProfile().getFirst().getValue())
                .isEqualTo("http://hl7.org/fhir/StructureDefinition/heartrate");
        assertThat(byCode.get("2708-6").getCode().getCoding()).extracting(Coding::getCode)
                .containsExactly("2708-6", "59408-5");
        assertThat(value(byCode.get("2708-6"))).isEqualTo(96.0);
        assertThat(value(byCode.get("9279-1"))).isEqualTo(16.0);
        assertThat(value(byCode.get("8310-5"))).isEqualTo(37.2);
        assertThat(byCode.get("8310-5").getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(value(byCode.get("29463-7"))).isEqualTo(71.5);
        assertThat(value(byCode.get("2339-0"))).isEqualTo(105.0);
        Observation bp = byCode.get("85354-9");
        assertThat(bp.hasValue()).isFalse();
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "="
                + c.getValueQuantity().getValue().doubleValue() + " " + c.getValueQuantity().getCode())
                .containsExactly("8480-6=128.0 mm[Hg]", "8462-4=84.0 mm[Hg]");
        assertThat(bp.getIdentifierFirstRep().getValue()).isEqualTo("bp-1");
        assertThat(FhirProfiles.errors(encode(found))).isEmpty();

        Bundle newest = read("/fhir/Observation/$lastn?patient=" + patient + "&max=1", TestTokens.admin(), 200,
                Bundle.class);
        assertThat(newest.getEntry()).hasSize(7);
        assertThat(FhirProfiles.errors(encode(newest))).isEmpty();

        Observation one = read("/fhir/Observation/" + bp.getIdPart(), TestTokens.admin(), 200, Observation.class);
        assertThat(encode(one)).isEqualTo(encode(bp));
        assertThat(FhirProfiles.errors(encode(one))).isEmpty();
        // The same readings through the HHMS API.
        assertThat(jdbc.queryForObject("SELECT systolic_bp FROM readings WHERE patient_id = ? AND reading_id = 'bp-1'",
                Double.class, patient)).isEqualTo(128.0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_events WHERE payload LIKE ?", Long.class,
                "%" + patient + "%")).isEqualTo(7L);
    }

    @Test
    void aResentBundleStoresNothingTwiceAndAnswersWhatWasStored() {
        UUID patient = USERS.addPatient();
        String device = deviceToken(patient);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        Bundle sent = transaction(quantity(patient, "hr-9", at, "8867-4", 80, "/min"),
                bloodPressure(patient, "bp-9", at, 120, 80));
        Bundle first = send(device, sent, 200, Bundle.class);
        long events = events(patient);

        Bundle again = send(device, sent, 200, Bundle.class);
        assertThat(again.getEntry()).extracting(e -> e.getResponse().getStatus()).containsOnly("200 OK");
        assertThat(again.getEntry()).extracting(e -> e.getResponse().getLocation())
                .isEqualTo(first.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
        assertThat(rows(patient)).isEqualTo(2);
        assertThat(events(patient)).isEqualTo(events).isEqualTo(2);

        // The same identifier with another value is still the reading stored first (as on POST /patient/{id}).
        Bundle changed = send(device, transaction(quantity(patient, "hr-9", at, "8867-4", 150, "/min")), 200,
                Bundle.class);
        assertThat(changed.getEntryFirstRep().getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(jdbc.queryForObject("SELECT heart_rate FROM readings WHERE patient_id = ? AND reading_id = 'hr-9'",
                Double.class, patient)).isEqualTo(80.0);
    }

    @Test
    void aBadEntryIsAnOperationOutcomeNamingItAndNothingOfTheBundleIsStored() {
        UUID patient = USERS.addPatient();
        UUID other = USERS.addPatient();
        String device = deviceToken(patient);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        Observation unknownCode = quantity(patient, "x-1", at, "12345-6", 1, "/min");
        Observation wrongUnit = quantity(patient, "t-1", at, "8310-5", 99.1, "[degF]");
        Observation outOfRange = quantity(patient, "h-1", at, "8867-4", 400, "/min");
        Bundle bad = transaction(quantity(patient, "ok-1", at, "8867-4", 70, "/min"), unknownCode, wrongUnit,
                outOfRange);

        OperationOutcome outcome = send(device, bad, 400, OperationOutcome.class);
        assertThat(outcome.getIssue()).extracting(i -> i.getExpression().getFirst().getValue()).containsExactly(
                "Bundle.entry[1].resource.code", "Bundle.entry[2].resource.valueQuantity.code",
                "Bundle.entry[3].resource.valueQuantity.value");
        assertThat(outcome.getIssue()).allSatisfy(i -> {
            assertThat(i.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.INVALID);
        });
        assertThat(outcome.getIssue().get(1).getDiagnostics()).contains("'Cel'", "'[degF]'");
        assertThat(outcome.getIssue().get(2).getDiagnostics()).contains("must be greater than 0 and less than 300");
        assertThat(rows(patient)).isZero();
        assertThat(FhirProfiles.errors(encode(outcome))).isEmpty();

        // Another patient's reading from this device: 403, nothing stored (not even the device's own entry).
        OperationOutcome refused = send(device, transaction(quantity(patient, "ok-2", at, "8867-4", 70, "/min"),
                quantity(other, "theirs", at, "8867-4", 70, "/min")), 403, OperationOutcome.class);
        assertThat(refused.getIssueFirstRep().getExpression().getFirst().getValue())
                .isEqualTo("Bundle.entry[1].resource.subject");
        assertThat(refused.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(rows(patient) + rows(other)).isZero();

        // A patient HHMS does not know (an admin may post for anyone): the entry is named, nothing stored.
        UUID nobody = UUID.randomUUID();
        OperationOutcome unknownPatient = send(TestTokens.admin(), transaction(quantity(patient, "ok-3", at,
                "8867-4", 70, "/min"), quantity(nobody, "n-1", at, "8867-4", 70, "/min")), 400,
                OperationOutcome.class);
        assertThat(unknownPatient.getIssueFirstRep().getExpression().getFirst().getValue())
                .isEqualTo("Bundle.entry[1].resource.subject");
        assertThat(unknownPatient.getIssueFirstRep().getDiagnostics()).contains(nobody.toString());
        assertThat(rows(patient)).isZero();

        // Not FHIR at all, or an element R4 does not have: a 400 OperationOutcome saying so.
        OperationOutcome unparsable = sendRaw(device, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
                + "\"colour\":\"red\"}", 400);
        assertThat(unparsable.getIssueFirstRep().getDiagnostics()).contains("colour");
        OperationOutcome notABundle = send(device, new Bundle().setType(BundleType.SEARCHSET), 400,
                OperationOutcome.class);
        assertThat(notABundle.getIssueFirstRep().getExpression().getFirst().getValue()).isEqualTo("Bundle.type");
    }

    @Test
    void aBatchAnswersEachEntryOnItsOwn() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        Bundle batch = transaction(quantity(patient, "b-1", at, "8867-4", 70, "/min"),
                quantity(patient, "b-2", at, "8867-4", 70, "mm[Hg]"));
        batch.setType(BundleType.BATCH);
        Bundle answer = send(deviceToken(patient), batch, 200, Bundle.class);
        assertThat(answer.getType()).isEqualTo(BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry().get(0).getResponse().getStatus()).isEqualTo("201 Created");
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).isEqualTo("400 Bad Request");
        OperationOutcome why = (OperationOutcome) answer.getEntry().get(1).getResponse().getOutcome();
        assertThat(why.getIssueFirstRep().getExpression().getFirst().getValue())
                .isEqualTo("Bundle.entry[1].resource.valueQuantity.code");
        assertThat(rows(patient)).isEqualTo(1);
        assertThat(FhirProfiles.errors(encode(answer))).isEmpty();
    }

    @Test
    void searchPagesNewestFirstWithoutLosingOrRepeatingAnObservationAndFiltersByCodeAndDate() {
        UUID patient = USERS.addPatient();
        Instant start = Instant.parse("2026-11-20T08:00:00Z");
        List<Resource> observations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant at = start.plus(i, ChronoUnit.HOURS);
            observations.add(quantity(patient, "p-hr-" + i, at, "8867-4", 60 + i, "/min"));
            observations.add(quantity(patient, "p-sp-" + i, at, "2708-6", 90 + i, "%"));
        }
        send(TestTokens.admin(), transaction(observations.toArray(Resource[]::new)), 200, Bundle.class);

        List<String> seen = new ArrayList<>();
        String next = "/fhir/Observation?patient=" + patient + "&_count=5";
        int pages = 0;
        while (next != null) {
            Bundle page = read(next, TestTokens.admin(), 200, Bundle.class);
            assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(5);
            page.getEntry().forEach(e -> seen.add(((Observation) e.getResource()).getIdentifierFirstRep().getValue()));
            next = page.getLink("next") == null ? null : page.getLink("next").getUrl();
            if (next != null) {
                assertThat(next).startsWith("https://hhms.example.org/fhir/Observation?patient=" + patient);
                next = next.substring(next.indexOf("/fhir/"));
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder("p-hr-5", "p-sp-5");
        assertThat(seen.subList(10, 12)).containsExactlyInAnyOrder("p-hr-0", "p-sp-0");

        Bundle heartRates = read("/fhir/Observation?patient=Patient/" + patient + "&code=http://loinc.org|8867-4"
                + "&date=ge2026-11-20T09:00:00Z&date=lt2026-11-20T12:00:00Z", TestTokens.admin(), 200, Bundle.class);
        assertThat(heartRates.getEntry()).extracting(e -> ((Observation) e.getResource()).getIdentifierFirstRep()
                .getValue()).containsExactly("p-hr-3", "p-hr-2", "p-hr-1");
        assertThat(heartRates.getLink("self").getUrl()).isEqualTo("https://hhms.example.org/fhir/Observation?patient="
                + "Patient/" + patient + "&code=http://loinc.org%7C8867-4&date=ge2026-11-20T09:00:00Z"
                + "&date=lt2026-11-20T12:00:00Z");
        Bundle day = read("/fhir/Observation?patient=" + patient + "&code=2708-6&date=2026-11-20", TestTokens.admin(),
                200, Bundle.class);
        assertThat(day.getEntry()).hasSize(6);
        Bundle lastTwo = read("/fhir/Observation/$lastn?patient=" + patient + "&max=2&code=8867-4",
                TestTokens.admin(), 200, Bundle.class);
        assertThat(lastTwo.getEntry()).extracting(e -> ((Observation) e.getResource()).getIdentifierFirstRep()
                .getValue()).containsExactly("p-hr-5", "p-hr-4");

        OperationOutcome unknown = read("/fhir/Observation?patient=" + patient + "&_sort=date", TestTokens.admin(),
                400, OperationOutcome.class);
        assertThat(unknown.getIssueFirstRep().getExpression().getFirst().getValue()).isEqualTo("_sort");
        OperationOutcome badDate = read("/fhir/Observation?patient=" + patient + "&date=ge-yesterday",
                TestTokens.admin(), 400, OperationOutcome.class);
        assertThat(badDate.getIssueFirstRep().getDiagnostics()).contains("date");
        read("/fhir/Observation?code=8867-4", TestTokens.admin(), 400, OperationOutcome.class);
        read("/fhir/Observation?patient=" + patient + "&_cursor=garbage", TestTokens.admin(), 400,
                OperationOutcome.class);
        read("/fhir/Observation/not-an-id", TestTokens.admin(), 404, OperationOutcome.class);
    }

    @Test
    void rightsAreThoseOfTheHhmsRoutesAndEveryRefusalIsAnOperationOutcome() {
        UUID patient = USERS.addPatient();
        UUID doctor = USERS.addDoctor(List.of(patient));
        UUID otherDoctor = USERS.addDoctor(List.of());
        UUID caretaker = USERS.addCaretaker(List.of(patient));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        send(TestTokens.person(caretaker, "caretaker"), transaction(quantity(patient, "c-1", at, "8867-4", 70,
                "/min")), 200, Bundle.class);
        String search = "/fhir/Observation?patient=" + patient;
        String lastn = "/fhir/Observation/$lastn?patient=" + patient;

        read(search, TestTokens.person(doctor, "doctor"), 200, Bundle.class);
        read(search, TestTokens.person(patient, "patient"), 200, Bundle.class);
        // A caretaker sees the latest values, not the history (docs/security.md).
        read(lastn, TestTokens.person(caretaker, "caretaker"), 200, Bundle.class);
        OperationOutcome forbidden = read(search, TestTokens.person(caretaker, "caretaker"), 403,
                OperationOutcome.class);
        assertThat(forbidden.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        read(search, TestTokens.person(otherDoctor, "doctor"), 403, OperationOutcome.class);
        read(lastn, deviceToken(patient), 403, OperationOutcome.class);
        send(TestTokens.person(otherDoctor, "doctor"), transaction(quantity(patient, "d-1", at, "8867-4", 70,
                "/min")), 403, OperationOutcome.class);

        RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String refusal = anonymous.get().uri(search).exchange().expectStatus().isUnauthorized().expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("application/fhir+json"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(parse(refusal, OperationOutcome.class).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.LOGIN);

        String metadata = anonymous.get().uri("/fhir/metadata").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        CapabilityStatement statement = parse(metadata, CapabilityStatement.class);
        assertThat(statement.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .containsExactly("Observation", "Patient", "DetectedIssue");
        assertThat(FhirProfiles.errors(metadata)).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    long rows(UUID patient) {
        return jdbc.queryForObject("SELECT count(*) FROM readings WHERE patient_id = ?", Long.class, patient);
    }

    long events(UUID patient) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox_events WHERE payload LIKE ?", Long.class,
                "%" + patient + "%");
    }

    static String deviceToken(UUID patient) {
        return TestTokens.device(UUID.randomUUID(), patient, DEVICE_ID);
    }

    static Observation quantity(UUID patient, String identifier, Instant at, String loinc, double value,
            String ucum) {
        Observation o = base(patient, identifier, at, loinc);
        o.setValue(new Quantity().setValue(value).setSystem(VitalSign.UCUM).setCode(ucum).setUnit(ucum));
        return o;
    }

    static Observation bloodPressure(UUID patient, String identifier, Instant at, double systolic, double diastolic) {
        Observation o = base(patient, identifier, at, VitalSign.BLOOD_PRESSURE.loinc());
        o.addComponent().setCode(loinc(VitalSign.SYSTOLIC)).setValue(new Quantity().setValue(systolic)
                .setSystem(VitalSign.UCUM).setCode("mm[Hg]"));
        o.addComponent().setCode(loinc(VitalSign.DIASTOLIC)).setValue(new Quantity().setValue(diastolic)
                .setSystem(VitalSign.UCUM).setCode("mm[Hg]"));
        return o;
    }

    private static Observation base(UUID patient, String identifier, Instant at, String loinc) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(Observations.CATEGORY_SYSTEM, "vital-signs", null)));
        o.setCode(loinc(loinc));
        o.setSubject(new Reference("Patient/" + patient));
        o.setEffective(new DateTimeType(at.toString()));
        o.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue(identifier);
        o.setDevice(new Reference("Device/" + DEVICE_ID));
        return o;
    }

    private static CodeableConcept loinc(String code) {
        return new CodeableConcept().addCoding(new Coding(VitalSign.LOINC, code, null));
    }

    /** A transaction Bundle as a device hub posts it: conditional create by each Observation's identifier. */
    static Bundle transaction(Resource... resources) {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        for (Resource resource : resources) {
            Observation o = (Observation) resource;
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(o).getRequest()
                    .setMethod(HTTPVerb.POST).setUrl("Observation")
                    .setIfNoneExist("identifier=" + o.getIdentifierFirstRep().getSystem() + "|"
                            + o.getIdentifierFirstRep().getValue());
        }
        return bundle;
    }

    static double value(Observation o) {
        return o.getValueQuantity().getValue().doubleValue();
    }

    static String encode(Resource resource) {
        return FhirCalls.encode(resource);
    }

    static <T extends Resource> T parse(String json, Class<T> type) {
        return FhirCalls.parse(json, type);
    }

    <T extends Resource> T send(String token, Bundle bundle, int status, Class<T> type) {
        return parse(exchange(token, encode(bundle), status), type);
    }

    OperationOutcome sendRaw(String token, String body, int status) {
        return parse(exchange(token, body, status), OperationOutcome.class);
    }

    private String exchange(String token, String body, int status) {
        return client.post().uri("/fhir").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .contentType(MediaType.parseMediaType("application/fhir+json")).body(body).exchange()
                .expectStatus().isEqualTo(status).expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("application/fhir+json"))
                .expectBody(String.class).returnResult().getResponseBody();
    }

    <T extends Resource> T read(String path, String token, int status, Class<T> type) {
        return FhirCalls.read(client, path, token, status, type);
    }

}
