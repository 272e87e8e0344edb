package org.hhms.vitals.reading;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hhms.audit.NotAudited;
import org.hhms.directory.UserDirectory;
import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.tokens.CallerRole;
import org.hhms.vitals.latest.LatestReading;
import org.hhms.vitals.latest.LatestReadingService;
import org.hhms.vitals.patients.KnownPatients;
import org.hhms.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HHMS {@code /patient} ingest routes, the latest reading, the doctor's overview and deletion. */
@RestController
@RequestMapping("/patient")
public class ReadingController {

    private static final Relation[] WRITERS = { Relation.DEVICE, Relation.SELF, Relation.DOCTOR,
            Relation.CARETAKER };

    /** Response headers saying how many readings of a request were new and how many were repeats. */
    static final String CREATED_HEADER = "HHMS-Readings-Created";
    static final String DUPLICATE_HEADER = "HHMS-Readings-Duplicate";

    private final ReadingService readings;
    private final LatestReadingService latest;
    private final KnownPatients patients;
    private final UserDirectory directory;
    private final PatientAccess access;

    public ReadingController(ReadingService readings, LatestReadingService latest, KnownPatients patients,
            UserDirectory directory, PatientAccess access) {
        this.readings = readings;
        this.latest = latest;
        this.patients = patients;
        this.directory = directory;
        this.access = access;
    }

    /**
     * One reading: 201 when stored, 200 with the stored reading when it is a repeat. Sent by the patient's devices
     * (as the device of their token), by the patient, their doctors and caretakers, or admins.
     */
    @NotAudited
    @PostMapping("/{patientId}")
    public ResponseEntity<ReadingResponse> ingest(@PathVariable UUID patientId,
            @RequestBody ReadingRequest request) {
        Caller caller = access.require(patientId, WRITERS);
        IngestResult result = readings.ingest(patientId,
                caller.is(CallerRole.DEVICE) ? request.sentBy(caller.deviceId()) : request, caller.id().toString());
        return ResponseEntity.status(result.anyCreated() ? HttpStatus.CREATED : HttpStatus.OK)
                .header(CREATED_HEADER, String.valueOf(result.created()))
                .header(DUPLICATE_HEADER, String.valueOf(result.readings().size() - result.created()))
                .body(ReadingResponse.of(result.readings().getFirst()));
    }

    /** A batch, stored whole or not at all: 201 when any reading was new, 200 when all were repeats. */
    @NotAudited
    @PostMapping("/batch/{patientId}")
    public ResponseEntity<List<ReadingResponse>> ingestBatch(@PathVariable UUID patientId,
            @RequestBody BatchRequest request) {
        Caller caller = access.require(patientId, WRITERS);
        List<ReadingRequest> sent = request.readings();
        if (caller.is(CallerRole.DEVICE) && sent != null) {
            sent = sent.stream().map(r -> r == null ? null : r.sentBy(caller.deviceId())).toList();
        }
        IngestResult result = readings.ingestBatch(patientId, sent, caller.id().toString());
        return ResponseEntity.status(result.anyCreated() ? HttpStatus.CREATED : HttpStatus.OK)
                .header(CREATED_HEADER, String.valueOf(result.created()))
                .header(DUPLICATE_HEADER, String.valueOf(result.readings().size() - result.created()))
                .body(result.readings().stream().map(ReadingResponse::of).toList());
    }

    @GetMapping("/{patientId}/latest")
    public LatestReading latest(@PathVariable UUID patientId) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR, Relation.CARETAKER);
        patients.requireActive(patientId);
        return latest.latest(patientId)
                .orElseThrow(() -> ApiProblem.notFound("Patient " + patientId + " has no readings yet"));
    }

    /** The latest values of each of the doctor's patients that has readings (patients without any are left out). */
    @GetMapping("/{doctorId}/overview")
    public List<LatestReading> overview(@PathVariable UUID doctorId) {
        access.requireSelf(doctorId);
        return directory.patientsOf(doctorId).stream()
                .map(latest::latest)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Deletes the patient's readings (not the patient: people live in the user-service). Allowed for a deactivated
     * patient too, so their data can be erased after they leave. Admins only.
     */
    @DeleteMapping("/{patientId}")
    public ResponseEntity<Void> delete(@PathVariable UUID patientId) {
        access.require(patientId);
        patients.requireKnown(patientId);
        readings.deleteAll(patientId);
        return ResponseEntity.noContent().build();
    }
}
