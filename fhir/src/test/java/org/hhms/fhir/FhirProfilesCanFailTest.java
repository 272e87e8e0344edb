package org.hhms.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;

import org.hhms.testsupport.FhirProfiles;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The profile check the services' FHIR tests rely on does catch what breaks a vital-signs profile: a heart rate
 * in the wrong unit, one without a time, one claiming the profile without its category.
 */
class FhirProfilesCanFailTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aConformingHeartRatePasses() {
        assertThat(FhirProfiles.errors(json(heartRate()))).isEmpty();
    }

    @Test
    void aHeartRateInTheWrongUnitFails() {
        Observation wrong = heartRate();
        wrong.setValue(new Quantity().setValue(72).setSystem(VitalSign.UCUM).setCode("%").setUnit("%"));
        assertThat(FhirProfiles.errors(json(wrong))).isNotEmpty();
    }

    @Test
    void aHeartRateWithoutATimeOrCategoryFails() {
        Observation timeless = heartRate();
        timeless.setEffective(null);
        assertThat(FhirProfiles.errors(json(timeless))).isNotEmpty();
        Observation uncategorised = heartRate();
        uncategorised.getCategory().clear();
        assertThat(FhirProfiles.errors(json(uncategorised))).isNotEmpty();
    }

    private static Observation heartRate() {
        Observation o = new Observation();
        o.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/heartrate");
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        o.setCode(new CodeableConcept().addCoding(new Coding(VitalSign.LOINC, "8867-4", "Heart rate")));
        o.setSubject(new Reference("Patient/p1"));
        o.setEffective(new DateTimeType("2026-11-20T08:00:00Z"));
        o.setValue(new Quantity().setValue(72).setSystem(VitalSign.UCUM).setCode("/min").setUnit("beats/minute"));
        return o;
    }

    private static String json(Observation o) {
        return FHIR.newJsonParser().encodeResourceToString(o);
    }
}
