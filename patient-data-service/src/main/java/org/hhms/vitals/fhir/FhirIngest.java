package org.hhms.vitals.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.tokens.CallerRole;
import org.hhms.vitals.config.VitalsProperties;
import org.hhms.vitals.patients.KnownPatients;
import org.hhms.vitals.reading.IngestResult;
import org.hhms.vitals.reading.Reading;
import org.hhms.vitals.reading.ReadingRequest;
import org.hhms.vitals.reading.ReadingService;
import org.hhms.vitals.reading.ReadingValidator;
import org.hhms.web.ApiProblem;
import org.hhms.web.FieldProblem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * {@code POST /fhir}: a transaction Bundle of Observations stored as readings, all or none, through the same
 * validation, idempotency, ingest limit and vital.recorded events as {@code POST /patient/batch/{id}}; a batch Bundle
 * entry by entry, each with its own answer. A resent entry (same identifier) stores nothing and answers 200 with
 * what was stored.
 */
@Service
public class FhirIngest {

    private static final Relation[] WRITERS = { Relation.DEVICE, Relation.SELF, Relation.DOCTOR,
            Relation.CARETAKER };

    private final ReadingService readings;
    private final KnownPatients patients;
    private final PatientAccess access;
    private final ReadingValidator validator;
    private final VitalsProperties properties;

    public FhirIngest(ReadingService readings, KnownPatients patients, PatientAccess access, Clock clock,
            VitalsProperties properties) {
        this.readings = readings;
        this.patients = patients;
        this.access = access;
        this.validator = new ReadingValidator(clock, properties.maxReadingAge());
        this.properties = properties;
    }

    /** Every entry checked first (any problem: 4xx naming each, nothing stored), then stored in one transaction. */
    @Transactional
    public List<Stored> transaction(Bundle bundle) {
        List<ObservationEntry> entries = checkedEntries(bundle, BundleType.TRANSACTION);
        Caller caller = Caller.current();
        Map<UUID, List<ObservationEntry>> byPatient = new LinkedHashMap<>();
        entries.forEach(e -> byPatient.computeIfAbsent(e.patientId(), p -> new ArrayList<>()).add(e));
        Map<Integer, Stored> answers = new LinkedHashMap<>();
        Set<String> answeredAsNew = new HashSet<>();
        byPatient.forEach((patient, own) -> {
            IngestResult result = readings.ingestBatch(patient,
                    own.stream().map(e -> e.reading()).toList(), caller.id().toString());
            for (int i = 0; i < own.size(); i++) {
                Reading stored = result.readings().get(i);
                boolean created = result.createdIds().contains(stored.readingId())
                        && answeredAsNew.add(patient + "|" + stored.readingId());
                answers.put(own.get(i).index(), new Stored(stored, own.get(i).vital(), created));
            }
        });
        return entries.stream().map(e -> answers.get(e.index())).toList();
    }

    /**
     * A batch: each entry on its own, in its own transaction — what one entry's problem (or the ingest limit) refuses
     * is only that entry. Not transactional on purpose.
     */
    public List<Answer> batch(Bundle bundle) {
        requireShape(bundle, BundleType.BATCH);
        Caller caller = Caller.current();
        List<Answer> answers = new ArrayList<>();
        List<BundleEntryComponent> sent = bundle.getEntry();
        Map<UUID, Optional<String>> patientChecks = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            List<FieldProblem> problems = new ArrayList<>();
            Optional<ObservationEntry> entry = ObservationEntry.read(i, sent.get(i), problems)
                    .flatMap(e -> checked(e, problems, patientChecks));
            if (entry.isEmpty()) {
                answers.add(new Answer(null, problem(problems)));
                continue;
            }
            try {
                IngestResult result = readings.ingestBatch(entry.get().patientId(), List.of(entry.get().reading()),
                        caller.id().toString());
                answers.add(new Answer(new Stored(result.readings().getFirst(), entry.get().vital(),
                        result.anyCreated()), null));
            } catch (ErrorResponseException refused) {
                answers.add(new Answer(null, refused));
            }
        }
        return answers;
    }

    /** A batch entry's outcome: stored, or the error that refused it. */
    public record Answer(Stored stored, ErrorResponseException problem) {
    }

    private void requireShape(Bundle bundle, BundleType type) {
        if (bundle.getType() != type) {
            throw ApiProblem.invalidField("Bundle.type", "must be " + type.toCode() + " here, got "
                    + (bundle.hasType() ? bundle.getType().toCode() : "none"));
        }
        int size = bundle.getEntry().size();
        if (size == 0 || size > properties.maxBatch()) {
            throw ApiProblem.invalidField("Bundle.entry", "must hold 1 to " + properties.maxBatch()
                    + " Observations, got " + size);
        }
    }

    /** Checks every entry of a Bundle of {@code type}: the entries, or a 4xx listing every problem. */
    List<ObservationEntry> checkedEntries(Bundle bundle, BundleType type) {
        requireShape(bundle, type);
        List<BundleEntryComponent> sent = bundle.getEntry();
        List<FieldProblem> problems = new ArrayList<>();
        List<ObservationEntry> entries = new ArrayList<>();
        Map<UUID, Optional<String>> patientChecks = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            ObservationEntry.read(i, sent.get(i), problems).flatMap(e -> checked(e, problems, patientChecks))
                    .ifPresent(entries::add);
        }
        if (!problems.isEmpty()) {
            throw problem(problems);
        }
        return entries;
    }

    /**
     * One entry against the rules of a reading and the caller's rights: a device only for its own patient and as
     * itself, people as on {@code POST /patient/{id}} (docs/security.md); the patient known and active. A Bundle's
     * patients are checked once each ({@code patientChecks}), not once per entry.
     */
    private Optional<ObservationEntry> checked(ObservationEntry entry, List<FieldProblem> problems,
            Map<UUID, Optional<String>> patientChecks) {
        Caller caller = Caller.current();
        String at = "Bundle.entry[" + entry.index() + "].resource";
        Optional<String> patientProblem = patientChecks.computeIfAbsent(entry.patientId(),
                patient -> checkPatient(caller, patient));
        if (patientProblem.isPresent()) {
            problems.add(new FieldProblem(at + ".subject", patientProblem.get()));
            return Optional.empty();
        }
        ReadingRequest reading = entry.reading();
        if (caller.is(CallerRole.DEVICE)) {
            if (reading.deviceId() != null && !reading.deviceId().equals(caller.deviceId())) {
                problems.add(new FieldProblem(at + ".device", "forbidden: this token belongs to device '"
                        + caller.deviceId() + "', not '" + reading.deviceId() + "'"));
                return Optional.empty();
            }
            reading = reading.sentBy(caller.deviceId());
        }
        try {
            validator.validate(entry.patientId(), reading);
        } catch (ApiProblem problem) {
            List<FieldProblem> named = ApiProblem.fieldProblems(problem);
            problems.addAll(entry.renamed(named.isEmpty() ? List.of(new FieldProblem("body",
                    problem.getBody().getDetail())) : named));
            return Optional.empty();
        }
        return Optional.of(new ObservationEntry(entry.index(), entry.patientId(), entry.vital(), reading));
    }

    /** Whether the caller may record readings for the patient, and the patient is active: empty, or why not. */
    private Optional<String> checkPatient(Caller caller, UUID patient) {
        if (!access.permits(caller, patient, WRITERS)) {
            return Optional.of("forbidden: this token may not record readings for patient " + patient);
        }
        try {
            patients.requireActive(patient);
            return Optional.empty();
        } catch (ApiProblem unknown) {
            return Optional.of(unknown.getBody().getDetail());
        }
    }

    /** 403 when every problem is a refusal, 404 when a patient is unknown, else 400; each problem named. */
    private static ApiProblem problem(List<FieldProblem> problems) {
        boolean forbidden = problems.stream().allMatch(p -> p.message().startsWith("forbidden:"));
        String detail = "Nothing was stored: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + " in the Bundle";
        return new ApiProblem(forbidden ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST, detail, problems);
    }

    /** A reading as stored for an entry, the vital sign the entry was, and whether this entry created it. */
    public record Stored(Reading reading, org.hhms.fhir.VitalSign vital, boolean created) {
    }
}
