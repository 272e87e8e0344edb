package org.hhms.vitals.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.fhir.HhmsIdentifiers;
import org.hhms.fhir.VitalSign;
import org.hhms.vitals.reading.Reading;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A stored reading as FHIR R4 Observations, one per vital sign it carries (blood pressure: one panel with its two
 * components), each claiming its R4 vital-signs profile. The reading's id is each Observation's identifier (the one a
 * device hub sends for conditional create), so one reading with three vitals gives three Observations sharing it.
 * NEWS2's on_oxygen and consciousness have no R4 vital-signs profile and are not exposed here (docs/fhir.md).
 */
final class Observations {

    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

    private Observations() {
    }

    /** Every Observation of these readings, in their order, restricted to {@code vitals}. */
    static List<Observation> of(Collection<Reading> readings, Collection<VitalSign> vitals) {
        List<Observation> observations = new ArrayList<>();
        for (Reading reading : readings) {
            for (VitalSign vital : vitals) {
                if (carries(reading, vital)) {
                    observations.add(of(reading, vital));
                }
            }
        }
        return observations;
    }

    static boolean carries(Reading reading, VitalSign vital) {
        return vital.metrics().stream().allMatch(m -> reading.value(m) != null);
    }

    static Observation of(Reading reading, VitalSign vital) {
        Observation observation = new Observation();
        observation.setId(ObservationIds.of(reading, vital));
        vital.profile().ifPresent(observation.getMeta()::addProfile);
        observation.addIdentifier().setSystem(HhmsIdentifiers.READING_ID).setValue(reading.readingId());
        observation.setStatus(ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, vital.category(),
                vital.category().equals("vital-signs") ? "Vital Signs" : "Laboratory")));
        observation.setCode(code(vital));
        observation.setSubject(new Reference("Patient/" + reading.patientId()));
        observation.setEffective(new DateTimeType(reading.recordedAt().toString()));
        observation.setIssuedElement(new InstantType(reading.receivedAt().toString()));
        if (reading.deviceId() != null) {
            observation.setDevice(new Reference().setDisplay(reading.deviceId())
                    .setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(HhmsIdentifiers.DEVICE_ID)
                            .setValue(reading.deviceId())));
        }
        if (vital == VitalSign.BLOOD_PRESSURE) {
            observation.addComponent().setCode(loinc(VitalSign.SYSTOLIC, "Systolic blood pressure"))
                    .setValue(quantity(vital, reading.value(VitalMetric.SYSTOLIC_BP)));
            observation.addComponent().setCode(loinc(VitalSign.DIASTOLIC, "Diastolic blood pressure"))
                    .setValue(quantity(vital, reading.value(VitalMetric.DIASTOLIC_BP)));
        } else {
            observation.setValue(quantity(vital, reading.value(vital.metrics().getFirst())));
        }
        return observation;
    }

    private static CodeableConcept code(VitalSign vital) {
        CodeableConcept code = loinc(vital.loinc(), vital.display());
        if (vital == VitalSign.OXYGEN_SATURATION) {
            code.addCoding(new Coding(VitalSign.LOINC, VitalSign.PULSE_OXIMETRY,
                    "Oxygen saturation in Arterial blood by Pulse oximetry"));
        }
        return code;
    }

    private static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(VitalSign.LOINC, code, display)).setText(display);
    }

    private static Quantity quantity(VitalSign vital, double value) {
        return new Quantity().setValue(value).setUnit(vital.unit()).setSystem(VitalSign.UCUM).setCode(vital.ucum());
    }
}
