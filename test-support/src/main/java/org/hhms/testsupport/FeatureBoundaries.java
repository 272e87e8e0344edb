package org.hhms.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The direction of a service's feature packages (docs/architecture.md, "Inside a service"): transport — the REST
 * controllers and the stream handlers — calls the domain, never the reverse, and the domain packages do not
 * depend on each other in a circle. Wiring ({@code config}) may see everything.
 *
 * <p>Each service's {@code BoundaryTest} calls {@link #assertRespectedIn(String)} with its root package.
 */
public final class FeatureBoundaries {

    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String EVENT_HANDLER = "org.hhms.messaging.stream.EventHandler";

    private FeatureBoundaries() {
    }

    /** A REST controller or a stream event handler: where requests and events come in. */
    public static final DescribedPredicate<JavaClass> TRANSPORT = describe("transport (a controller or an event "
            + "handler)", c -> isTransport(c) || c.getEnclosingClass().map(FeatureBoundaries::isTransport)
                    .orElse(false));

    private static boolean isTransport(JavaClass c) {
        return c.isAnnotatedWith(REST_CONTROLLER) || c.isAnnotatedWith(CONTROLLER)
                || (!c.getName().equals(EVENT_HANDLER) && c.isAssignableTo(EVENT_HANDLER));
    }

    /** The rules, for a service whose code lives under {@code rootPackage}. */
    public static List<ArchRule> rules(String rootPackage) {
        DescribedPredicate<JavaClass> wiring = describe("wiring (" + rootPackage + ".config)",
                c -> c.getPackageName().startsWith(rootPackage + ".config"));
        ArchRule domainIgnoresTransport = noClasses().that().resideInAPackage(rootPackage + "..")
                .and(DescribedPredicate.not(TRANSPORT)).and(DescribedPredicate.not(wiring))
                .should().dependOnClassesThat(TRANSPORT)
                .because("transport calls the domain, never the reverse");
        ArchRule noCycles = slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .ignoreDependency(TRANSPORT, DescribedPredicate.alwaysTrue())
                .ignoreDependency(wiring, DescribedPredicate.alwaysTrue())
                .because("feature packages have a direction: one may use another, not both ways");
        return List.of(domainIgnoresTransport, noCycles);
    }

    /** The violations of {@link #rules} in the compiled main classes under {@code rootPackage}; empty when none. */
    public static List<String> violations(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        return violations(rootPackage, classes);
    }

    static List<String> violations(String rootPackage, JavaClasses classes) {
        return rules(rootPackage).stream().map(rule -> rule.evaluate(classes)).filter(EvaluationResult::hasViolation)
                .flatMap(result -> result.getFailureReport().getDetails().stream()).toList();
    }

    /** Fails, listing every wrong import, unless the service's packages keep the direction. */
    public static void assertRespectedIn(String rootPackage) {
        List<String> violations = violations(rootPackage);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " dependencies against the package direction of "
                    + rootPackage + " (docs/architecture.md):\n  " + String.join("\n  ", violations));
        }
    }
}
