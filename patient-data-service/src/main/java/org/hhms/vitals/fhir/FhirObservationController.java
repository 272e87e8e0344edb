package org.hhms.vitals.fhir;

import io.swagger.v3.oas.annotations.Hidden;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.hhms.audit.NotAudited;
import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.fhir.FhirLinks;
import org.hhms.fhir.OperationOutcomes;
import org.hhms.fhir.VitalSign;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.vitals.patients.KnownPatients;
import org.hhms.vitals.reading.Reading;
import org.hhms.vitals.reading.ReadingRepository;
import org.hhms.web.ApiProblem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vital signs as FHIR R4 (docs/fhir.md): Observation search with paging, {@code $lastn}, read, and a transaction or
 * batch Bundle of Observations posted to {@code /fhir}. The same rights as the HHMS routes: search and read as the
 * history ({@code GET /patient/{id}/history}), {@code $lastn} as the latest values, posting as ingest.
 */
// Described by GET /fhir/metadata (FHIR's own description), not by the OpenAPI document.
@Hidden
@RestController
@RequestMapping(value = "/fhir", produces = { "application/fhir+json", "application/json" })
public class FhirObservationController {

    private static final Relation[] HISTORY_READERS = { Relation.SELF, Relation.DOCTOR };
    private static final Relation[] LATEST_READERS = { Relation.SELF, Relation.DOCTOR, Relation.CARETAKER };

    private final ReadingRepository readings;
    private final KnownPatients patients;
    private final PatientAccess access;
    private final FhirIngest ingest;
    private final FhirLinks links;

    public FhirObservationController(ReadingRepository readings, KnownPatients patients, PatientAccess access,
            FhirIngest ingest, FhirLinks links) {
        this.links = links;
        this.readings = readings;
        this.patients = patients;
        this.access = access;
        this.ingest = ingest;
    }

    /** A patient's Observations, newest first, {@code _count} per page, the next page linked. */
    @GetMapping("/Observation")
    public Bundle search(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request) {
        ObservationQuery query = ObservationQuery.search(parameters);
        access.require(query.patientId(), HISTORY_READERS);
        patients.requireActive(query.patientId());
        List<VitalSign> vitals = query.vitalsInOrder();
        ObservationQuery.Cursor after = query.after();
        // Every reading found yields at least one Observation, but the one the cursor stands on may yield none more.
        List<Reading> found = readings.findNewestFirst(query.patientId(), query.from(), query.to(), metrics(vitals),
                after == null ? null : after.recordedAt(), after == null ? null : after.readingId(),
                query.count() + 2);
        List<Observation> page = new ArrayList<>();
        ObservationQuery.Cursor last = null;
        boolean more = false;
        for (Reading reading : found) {
            for (VitalSign vital : vitals) {
                if (!Observations.carries(reading, vital) || before(after, reading, vital)) {
                    continue;
                }
                if (page.size() == query.count()) {
                    more = true;
                    break;
                }
                page.add(Observations.of(reading, vital));
                last = new ObservationQuery.Cursor(reading.recordedAt(), reading.readingId(), vital);
            }
            if (more) {
                break;
            }
        }
        return links.searchset(request, page, more ? links.withParameters(request, last.asParameter()) : null);
    }

    /** The newest {@code max} Observations of each vital sign (FHIR's {@code Observation/$lastn}). */
    @GetMapping("/Observation/$lastn")
    public Bundle lastn(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request) {
        ObservationQuery query = ObservationQuery.lastn(parameters);
        access.require(query.patientId(), LATEST_READERS);
        patients.requireActive(query.patientId());
        List<Observation> newest = new ArrayList<>();
        for (VitalSign vital : query.vitalsInOrder()) {
            List<Reading> found = readings.findNewestFirst(query.patientId(), null, null, vital.metrics(), null,
                    null, query.count());
            newest.addAll(Observations.of(found, List.of(vital)));
        }
        return links.searchset(request, newest, null);
    }

    /** One Observation by the id a search gave out. */
    @GetMapping("/Observation/{id}")
    public Observation read(@PathVariable String id) {
        ObservationIds.Key key = ObservationIds.parse(id)
                .orElseThrow(() -> ApiProblem.notFound("No Observation with id '" + id + "'"));
        access.require(key.patientId(), HISTORY_READERS);
        patients.requireActive(key.patientId());
        return readings.findAt(key.patientId(), key.recordedAt()).stream().filter(key::identifies).findFirst()
                .map(r -> Observations.of(r, key.vital()))
                .orElseThrow(() -> ApiProblem.notFound("No Observation with id '" + id + "'"));
    }

    /**
     * A transaction (all or nothing) or batch (entry by entry) Bundle of Observations, stored as readings. Answered
     * with a transaction-response or batch-response Bundle: per entry 201 and where it is, or 200 for a resend.
     */
    @NotAudited
    @PostMapping(consumes = { "application/fhir+json", "application/json" })
    public ResponseEntity<Bundle> post(@RequestBody Bundle bundle) {
        Bundle response = new Bundle();
        if (bundle.getType() == BundleType.BATCH) {
            response.setType(BundleType.BATCHRESPONSE);
            for (FhirIngest.Answer answer : ingest.batch(bundle)) {
                if (answer.stored() != null) {
                    response.addEntry(entry(answer.stored()));
                } else {
                    response.addEntry(refused(answer.problem()));
                }
            }
            return ResponseEntity.ok(response);
        }
        response.setType(BundleType.TRANSACTIONRESPONSE);
        List<FhirIngest.Stored> stored = ingest.transaction(bundle);
        stored.forEach(s -> response.addEntry(entry(s)));
        return ResponseEntity.ok(response);
    }

    private BundleEntryComponent entry(FhirIngest.Stored stored) {
        Observation observation = Observations.of(stored.reading(), stored.vital());
        BundleEntryComponent entry = new BundleEntryComponent()
                .setFullUrl(links.resource("Observation", observation.getIdPart()));
        entry.getResponse().setStatus(stored.created() ? "201 Created" : "200 OK")
                .setLocation("Observation/" + observation.getIdPart())
                .setLastModifiedElement(new InstantType(stored.reading().receivedAt().toString()));
        return entry;
    }

    private static BundleEntryComponent refused(ErrorResponseException problem) {
        BundleEntryComponent entry = new BundleEntryComponent();
        int status = problem.getStatusCode().value();
        HttpStatus known = HttpStatus.resolve(status);
        Resource outcome = OperationOutcomes.of(status, problem.getBody().getDetail(),
                ApiProblem.fieldProblems(problem));
        entry.getResponse().setStatus(status + (known == null ? "" : " " + known.getReasonPhrase()))
                .setOutcome(outcome);
        return entry;
    }

    private static Set<VitalMetric> metrics(List<VitalSign> vitals) {
        return vitals.stream().flatMap(v -> v.metrics().stream()).collect(Collectors.toSet());
    }

    /** Whether this Observation was on an earlier page (the cursor's reading, at or before its vital sign). */
    private static boolean before(ObservationQuery.Cursor after, Reading reading, VitalSign vital) {
        return after != null && after.recordedAt().equals(reading.recordedAt())
                && after.readingId().equals(reading.readingId()) && vital.ordinal() <= after.vital().ordinal();
    }
}
