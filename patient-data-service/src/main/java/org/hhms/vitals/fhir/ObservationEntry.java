package org.hhms.vitals.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.fhir.VitalSign;
import org.hhms.vitals.reading.ReadingRequest;
import org.hhms.web.FieldProblem;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * One entry of a posted Bundle read as an HHMS reading: a vital-signs Observation with a LOINC code HHMS stores, its
 * UCUM unit, a subject {@code Patient/<id>}, a time to the second with its zone, and optionally the identifier that
 * makes a resend a no-op (Personal Health Device IG: {@code request.ifNoneExist = identifier=<system>|<value>}).
 * Every problem is named by its FHIRPath, e.g. {@code Bundle.entry[3].resource.valueQuantity.code}.
 */
record ObservationEntry(int index, UUID patientId, VitalSign vital, ReadingRequest reading) {

    private static final Pattern PATIENT = Pattern.compile("(?:.*/)?Patient/([0-9a-fA-F-]{36})");
    private static final Pattern DEVICE = Pattern.compile("(?:.*/)?Device/([A-Za-z0-9._:-]{1,128})");
    private static final List<Observation.ObservationStatus> STATUSES = List.of(
            Observation.ObservationStatus.FINAL, Observation.ObservationStatus.AMENDED,
            Observation.ObservationStatus.CORRECTED);

    /** The entry's reading, or empty with its problems added to {@code problems}. */
    static Optional<ObservationEntry> read(int index, BundleEntryComponent entry, List<FieldProblem> problems) {
        String at = "Bundle.entry[" + index + "]";
        int before = problems.size();
        if (!entry.hasRequest() || entry.getRequest().getMethod() != HTTPVerb.POST
                || !"Observation".equals(entry.getRequest().getUrl())) {
            problems.add(new FieldProblem(at + ".request", "must be method POST to url 'Observation' (HHMS creates "
                    + "Observations; it does not update or delete them through FHIR)"));
        }
        if (!(entry.getResource() instanceof Observation observation)) {
            problems.add(new FieldProblem(at + ".resource", "must be an Observation, got "
                    + (entry.getResource() == null ? "nothing" : entry.getResource().fhirType())));
            return Optional.empty();
        }
        String path = at + ".resource";
        if (!STATUSES.contains(observation.getStatus())) {
            problems.add(new FieldProblem(path + ".status", "must be final, amended or corrected (a measured "
                    + "value), got " + (observation.hasStatus() ? observation.getStatus().toCode() : "nothing")));
        }
        Optional<VitalSign> vital = vital(observation.getCode());
        if (vital.isEmpty()) {
            problems.add(new FieldProblem(path + ".code", "has no LOINC code HHMS stores (system "
                    + VitalSign.LOINC + "); accepted: " + VitalSign.accepted()));
        }
        UUID patient = patient(observation.getSubject(), path + ".subject", problems);
        String time = time(observation, path, problems);
        String readingId = readingId(entry, observation, at, problems);
        String deviceId = device(observation.getDevice(), path + ".device", problems);
        Map<VitalMetric, Double> values = vital.map(v -> values(observation, v, path, problems)).orElse(Map.of());
        if (problems.size() > before) {
            return Optional.empty();
        }
        ReadingRequest reading = new ReadingRequest(time, values.get(VitalMetric.HEART_RATE),
                values.get(VitalMetric.SPO2), values.get(VitalMetric.RESPIRATORY_RATE),
                values.get(VitalMetric.SYSTOLIC_BP), values.get(VitalMetric.DIASTOLIC_BP),
                values.get(VitalMetric.TEMPERATURE), values.get(VitalMetric.GLUCOSE),
                values.get(VitalMetric.WEIGHT_KG), readingId, deviceId, null, null);
        return Optional.of(new ObservationEntry(index, patient, vital.orElseThrow(), reading));
    }

    /** Where, in FHIR terms, a rule of the HHMS reading format points (for the validator's problems). */
    String pathOf(String readingField) {
        String path = "Bundle.entry[" + index + "].resource";
        return switch (readingField) {
            case "timestamp" -> path + ".effective";
            case "reading_id" -> path + ".identifier";
            case "device_id" -> path + ".device";
            case "subject" -> path + ".subject";
            case "systolic_bp" -> path + ".component[0].valueQuantity.value";
            case "diastolic_bp" -> path + ".component[1].valueQuantity.value";
            default -> VitalMetric.fromJson(readingField).isPresent() ? path + ".valueQuantity.value" : path;
        };
    }

    private static Optional<VitalSign> vital(CodeableConcept code) {
        for (Coding coding : code.getCoding()) {
            if (VitalSign.LOINC.equals(coding.getSystem())) {
                Optional<VitalSign> vital = VitalSign.ofLoinc(coding.getCode());
                if (vital.isPresent()) {
                    return vital;
                }
            }
        }
        return Optional.empty();
    }

    private static UUID patient(Reference subject, String path, List<FieldProblem> problems) {
        Matcher m = PATIENT.matcher(subject.getReference() == null ? "" : subject.getReference());
        if (m.matches()) {
            try {
                return UUID.fromString(m.group(1));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        problems.add(new FieldProblem(path, "must be a reference to Patient/<HHMS patient id>, got "
                + (subject.hasReference() ? "'" + subject.getReference() + "'" : "none")));
        return null;
    }

    private static String time(Observation observation, String path, List<FieldProblem> problems) {
        Type effective = observation.getEffective();
        if (!(effective instanceof BaseDateTimeType time) || time.isEmpty()) {
            problems.add(new FieldProblem(path + ".effective", "must be effectiveDateTime or effectiveInstant: the "
                    + "time the vital sign was measured"));
            return null;
        }
        if (time.getPrecision().ordinal() < TemporalPrecisionEnum.SECOND.ordinal() || time.getTimeZone() == null
                || !time.getValueAsString().contains("T")) {
            problems.add(new FieldProblem(path + ".effective", "must be a time to the second with its zone, such as "
                    + "2026-01-31T08:15:00Z, got '" + time.getValueAsString() + "'"));
            return null;
        }
        return time.getValueAsString();
    }

    private static String readingId(BundleEntryComponent entry, Observation observation, String at,
            List<FieldProblem> problems) {
        Identifier identifier = observation.getIdentifier().stream().filter(Identifier::hasValue).findFirst()
                .orElse(null);
        String condition = entry.getRequest().getIfNoneExist();
        if (condition != null && !condition.isBlank()) {
            String wanted = condition.startsWith("identifier=") ? condition.substring("identifier=".length()) : null;
            boolean matches = wanted != null && observation.getIdentifier().stream().anyMatch(i -> i.hasValue()
                    && (wanted.equals(i.getValue()) || wanted.equals(i.getSystem() + "|" + i.getValue())));
            if (!matches) {
                problems.add(new FieldProblem(at + ".request.ifNoneExist", "must be identifier=<system>|<value> of "
                        + "the Observation's own identifier (HHMS keeps a reading once per identifier), got '"
                        + condition + "'"));
            }
        }
        return identifier == null ? null : identifier.getValue();
    }

    private static String device(Reference device, String path, List<FieldProblem> problems) {
        if (device.isEmpty()) {
            return null;
        }
        if (device.hasIdentifier() && device.getIdentifier().hasValue()) {
            return device.getIdentifier().getValue();
        }
        Matcher m = DEVICE.matcher(device.getReference() == null ? "" : device.getReference());
        if (m.matches()) {
            return m.group(1);
        }
        problems.add(new FieldProblem(path, "must name the device by identifier (its HHMS device id) or as "
                + "Device/<device id>, got '" + device.getReference() + "'"));
        return null;
    }

    private static Map<VitalMetric, Double> values(Observation observation, VitalSign vital, String path,
            List<FieldProblem> problems) {
        if (vital == VitalSign.BLOOD_PRESSURE) {
            if (observation.hasValue()) {
                problems.add(new FieldProblem(path + ".value", "must be absent on a blood pressure panel: the "
                        + "values are its components " + VitalSign.SYSTOLIC + " and " + VitalSign.DIASTOLIC));
            }
            Double systolic = component(observation, VitalSign.SYSTOLIC, vital, path, problems);
            Double diastolic = component(observation, VitalSign.DIASTOLIC, vital, path, problems);
            return systolic == null || diastolic == null ? Map.of()
                    : Map.of(VitalMetric.SYSTOLIC_BP, systolic, VitalMetric.DIASTOLIC_BP, diastolic);
        }
        if (observation.hasComponent()) {
            problems.add(new FieldProblem(path + ".component", "must be absent: " + vital.display()
                    + " is one value (valueQuantity)"));
        }
        Double value = quantity(observation.getValue(), vital, path + ".valueQuantity", problems);
        return value == null ? Map.of() : Map.of(vital.metrics().getFirst(), value);
    }

    private static Double component(Observation observation, String code, VitalSign vital, String path,
            List<FieldProblem> problems) {
        List<ObservationComponentComponent> components = observation.getComponent();
        for (int i = 0; i < components.size(); i++) {
            boolean named = components.get(i).getCode().getCoding().stream()
                    .anyMatch(c -> VitalSign.LOINC.equals(c.getSystem()) && code.equals(c.getCode()));
            if (named) {
                return quantity(components.get(i).getValue(), vital, path + ".component[" + i + "].valueQuantity",
                        problems);
            }
        }
        problems.add(new FieldProblem(path + ".component", "must hold LOINC " + code + " ("
                + (code.equals(VitalSign.SYSTOLIC) ? "systolic" : "diastolic") + " blood pressure)"));
        return null;
    }

    private static Double quantity(Type value, VitalSign vital, String path, List<FieldProblem> problems) {
        if (!(value instanceof Quantity quantity) || !quantity.hasValue()) {
            problems.add(new FieldProblem(path, "must be a Quantity with a value in " + vital.ucum() + " (UCUM)"));
            return null;
        }
        if (!VitalSign.UCUM.equals(quantity.getSystem()) || !vital.ucum().equals(quantity.getCode())) {
            problems.add(new FieldProblem(path + ".code", "must be UCUM (system " + VitalSign.UCUM + ") code '"
                    + vital.ucum() + "' for " + vital.display() + ", got " + (quantity.hasCode()
                            ? "'" + quantity.getCode() + "'" : "none") + (quantity.hasSystem()
                                    && !VitalSign.UCUM.equals(quantity.getSystem())
                                            ? " in system " + quantity.getSystem() : "")));
            return null;
        }
        return quantity.getValue().doubleValue();
    }

    List<FieldProblem> renamed(List<FieldProblem> readingProblems) {
        List<FieldProblem> renamed = new ArrayList<>();
        readingProblems.forEach(p -> renamed.add(new FieldProblem(pathOf(p.field()), p.message())));
        return renamed;
    }
}
