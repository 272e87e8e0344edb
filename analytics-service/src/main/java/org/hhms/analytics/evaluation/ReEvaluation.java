package org.hhms.analytics.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hhms.analytics.anomaly.Anomaly;
import org.hhms.analytics.evaluation.VitalEvaluator;
import org.hhms.analytics.evaluation.VitalReading;
import org.hhms.analytics.patients.PatientDirectory;
import org.hhms.contracts.TraceIds;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Judges stored readings again (after a threshold change, or to check the stream missed nothing). The readings
 * come from the patient-data-service and go through the same evaluator as the stream: anomalies already found
 * are not stored or announced again, so a re-run is safe.
 */
@Service
public class ReEvaluation {

    private final PatientDirectory directory;
    private final VitalEvaluator evaluator;
    private final JdbcClient jdbc;

    public ReEvaluation(PatientDirectory directory, VitalEvaluator evaluator, JdbcClient jdbc) {
        this.directory = directory;
        this.evaluator = evaluator;
        this.jdbc = jdbc;
    }

    /** Re-evaluates the readings of one patient, or of every patient analytics has heard from, since a time. */
    public RunReport run(UUID patientId, Instant since, Instant until) {
        List<UUID> patients = patientId != null ? List.of(patientId)
                : jdbc.sql("SELECT patient_id FROM patient_activity ORDER BY patient_id").query(UUID.class).list();
        int readings = 0;
        List<Anomaly> found = new ArrayList<>();
        List<UUID> skipped = new ArrayList<>();
        for (UUID patient : patients) {
            List<VitalRecorded> stored;
            try {
                stored = directory.readings(patient, since, until);
            } catch (ApiProblem e) {
                if (patientId != null || e.getStatusCode().value() != 404) {
                    throw e;
                }
                skipped.add(patient); // no longer an active patient: nothing to re-evaluate
                continue;
            }
            for (VitalRecorded reading : stored) {
                readings++;
                found.addAll(evaluator.evaluate(VitalReading.of(reading, TraceIds.current())));
            }
        }
        return new RunReport(patients.size() - skipped.size(), readings, found.size(), since, until, skipped,
                found);
    }

    /** What a run looked at and what it found that was not known before. */
    public record RunReport(int patients, int readingsSeen, int newAnomalies, Instant since, Instant until,
            List<UUID> skippedPatients, List<Anomaly> anomalies) {
    }
}
