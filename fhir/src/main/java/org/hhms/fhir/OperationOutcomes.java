package org.hhms.fhir;

import java.util.List;

import org.hhms.web.FieldProblem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The FHIR form of an HHMS error: one issue per problem, its FHIRPath ({@code Bundle.entry[2].resource.code}) in
 * {@code expression}, the issue type following the HTTP status (R4 "issue-type" value set).
 */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    /** An outcome for an error answered with {@code status}: the named problems, or the one detail. */
    public static OperationOutcome of(int status, String detail, List<FieldProblem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        IssueType type = typeOf(status);
        if (problems == null || problems.isEmpty()) {
            outcome.addIssue(issue(type, detail, null));
        } else {
            problems.forEach(p -> outcome.addIssue(issue(type, p.field() + ": " + p.message(), p.field())));
        }
        return outcome;
    }

    /** An informational outcome (a batch entry that succeeded, say). */
    public static OperationOutcome information(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue(new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.INFORMATION)
                .setCode(IssueType.INFORMATIONAL).setDiagnostics(text));
        return outcome;
    }

    private static OperationOutcomeIssueComponent issue(IssueType type, String text, String expression) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
                .setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(text)
                .setDetails(new CodeableConcept().setText(text));
        if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }

    static IssueType typeOf(int status) {
        return switch (status) {
            case 400 -> IssueType.INVALID;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 409, 412 -> IssueType.CONFLICT;
            case 413 -> IssueType.TOOCOSTLY;
            case 422 -> IssueType.PROCESSING;
            case 429 -> IssueType.THROTTLED;
            case 503, 504 -> IssueType.TRANSIENT;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING;
        };
    }
}
