package org.hhms.testsupport;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI's instance validator with the FHIR R4 core profiles — among them the vital-signs profiles an Observation
 * claims in {@code meta.profile} — and the code systems it can check offline (UCUM, the R4 value sets). LOINC is not
 * on this machine: a LOINC code is checked against the profiles' fixed codes, and "unknown code system" stays a
 * warning. Built once per test JVM (it takes seconds).
 */
public final class FhirProfiles {

    private static final FhirValidator VALIDATOR = validator();

    private FhirProfiles() {
    }

    /** The errors HAPI's validator finds in a resource as JSON: empty when it conforms. */
    public static List<String> errors(String resourceJson) {
        return VALIDATOR.validateWithResult(resourceJson).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirProfiles::describe).toList();
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }

    private static FhirValidator validator() {
        FhirContext context = FhirContext.forR4Cached();
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(
                context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(
                ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context), new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context), unknownCodeSystems);
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        return context.newValidator().registerValidatorModule(module);
    }
}
