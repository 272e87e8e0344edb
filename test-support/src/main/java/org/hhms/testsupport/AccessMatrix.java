package org.hhms.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The route × role matrix of docs/security.md, run against one service: every route is called as each of nine
 * callers and the status of every cell is compared with the expected row. All mismatches are reported together.
 */
public final class AccessMatrix {

    /** The callers, in the order of the expected status columns. */
    public enum Who {
        ANONYMOUS, OWN_DEVICE, OTHER_DEVICE, UNRELATED_DOCTOR, DOCTOR, CARETAKER, PATIENT, OTHER_PATIENT, ADMIN
    }

    /**
     * One route: {@code path} and {@code body} may be made fresh for each call (a new alert to acknowledge);
     * {@code expected} holds nine statuses in {@link Who} order, e.g. {@code "401 403 403 403 200 200 200 403 200"}.
     */
    public record Route(String method, java.util.function.Supplier<String> path,
            java.util.function.Supplier<String> body, String expected) {

        public static Route of(String method, String path, String body, String expected) {
            return new Route(method, () -> path, () -> body, expected);
        }
    }

    public final UUID patient;
    public final UUID doctor;
    public final UUID caretaker;
    public final UUID unrelatedDoctor;
    public final UUID otherPatient;
    private final UUID ownDevice = UUID.randomUUID();
    private final UUID otherDevice = UUID.randomUUID();

    public AccessMatrix(UUID patient, UUID doctor, UUID caretaker, UUID unrelatedDoctor, UUID otherPatient) {
        this.patient = patient;
        this.doctor = doctor;
        this.caretaker = caretaker;
        this.unrelatedDoctor = unrelatedDoctor;
        this.otherPatient = otherPatient;
    }

    /** The cast registered in a fake user-service: the patient's team is the doctor and the caretaker. */
    public static AccessMatrix in(FakeUserService users) {
        UUID patient = users.addPatient();
        UUID otherPatient = users.addPatient();
        return new AccessMatrix(patient, users.addDoctor(List.of(patient)), users.addCaretaker(List.of(patient)),
                users.addDoctor(List.of(otherPatient)), otherPatient);
    }

    /** The bearer token of a caller, or null for the anonymous one. */
    public String token(Who who) {
        return switch (who) {
            case ANONYMOUS -> null;
            case OWN_DEVICE -> TestTokens.device(ownDevice, patient, "matrix-watch");
            case OTHER_DEVICE -> TestTokens.device(otherDevice, otherPatient, "other-watch");
            case UNRELATED_DOCTOR -> TestTokens.person(unrelatedDoctor, "doctor");
            case DOCTOR -> TestTokens.person(doctor, "doctor");
            case CARETAKER -> TestTokens.person(caretaker, "caretaker");
            case PATIENT -> TestTokens.person(patient, "patient");
            case OTHER_PATIENT -> TestTokens.person(otherPatient, "patient");
            case ADMIN -> TestTokens.admin();
        };
    }

    /** Calls every route as every caller and fails listing each cell whose status differs. */
    public void check(int port, List<Route> routes) {
        RestTestClient client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Route route : routes) {
            String[] expected = route.expected().trim().split("\\s+");
            assertThat(expected).as("columns of %s %s", route.method(), route.path().get())
                    .hasSize(Who.values().length);
            for (Who who : Who.values()) {
                String path = route.path().get();
                String body = route.body().get();
                RestTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(route.method())).uri(path);
                String token = token(who);
                if (token != null) {
                    request.header("Authorization", TestTokens.bearer(token));
                }
                if (body != null) {
                    request.contentType(MediaType.APPLICATION_JSON).body(body);
                }
                int status = request.exchange().returnResult(String.class).getStatus().value();
                cells++;
                if (!String.valueOf(status).equals(expected[who.ordinal()])) {
                    wrong.add(route.method() + " " + path + " as " + who + ": expected " + expected[who.ordinal()]
                            + ", got " + status);
                }
            }
        }
        assertThat(wrong).as("cells of the access matrix (%d checked)", cells).isEmpty();
    }
}
