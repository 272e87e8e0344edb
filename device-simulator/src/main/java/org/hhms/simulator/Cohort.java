package org.hhms.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers (or reuses, by email) the simulated people: one doctor per 50 patients, each patient on their
 * doctor's care team with a device and its token. Emails are {@code sim-<tag>-<n>@hhms.sim}, so a second run with
 * the same tag reuses the same patients (their devices are registered anew: a token is shown only once).
 */
final class Cohort {

    /** One simulated patient: who, how their vitals behave, and the device token that posts for them. */
    record Member(int index, String patientId, String doctorId, String deviceToken, Profile profile,
            PatientModel model) {
    }

    private Cohort() {
    }

    static List<Member> register(Api api, String adminToken, String tag, Map<Profile, Integer> counts,
            Instant simStart, Duration fastEvery, Duration runLength, long seed) throws Exception {
        List<Profile> profiles = new ArrayList<>();
        counts.forEach((profile, n) -> {
            for (int i = 0; i < n; i++) {
                profiles.add(profile);
            }
        });
        int doctors = Math.max(1, (profiles.size() + 49) / 50);
        List<String> doctorIds = new ArrayList<>();
        for (int d = 0; d < doctors; d++) {
            doctorIds.add(person(api, adminToken, "doctor", "sim-" + tag + "-doctor-" + d + "@hhms.sim",
                    "Simulated Doctor " + d, "+1555" + String.format("%07d", 9_000_000 + d)));
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Future<Member>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < profiles.size(); i++) {
                int index = i;
                pending.add(pool.submit(() -> {
                    String doctor = doctorIds.get(index % doctors);
                    String patient = person(api, adminToken, "patient", "sim-" + tag + "-patient-" + index
                            + "@hhms.sim", "Simulated Patient " + index, null);
                    api.call("POST", "/users/relationships", adminToken,
                            Map.of("doctor_id", doctor, "patient_id", patient)).require(200, "link a doctor");
                    String token = api.call("POST", "/users/" + patient + "/devices", adminToken,
                            Map.of("device_id", "sim-" + runId + "-" + index, "description", "simulated device"))
                            .require(201, "register a device").get("token").asString();
                    Profile profile = profiles.get(index);
                    return new Member(index, patient, doctor, token, profile,
                            new PatientModel(profile, seed + index, simStart, fastEvery, runLength));
                }));
            }
            List<Member> members = new ArrayList<>();
            for (Future<Member> member : pending) {
                members.add(member.get());
            }
            return members;
        }
    }

    /** Registers a person, or finds them by email when already registered (409). */
    static String person(Api api, String adminToken, String role, String email, String name, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("full_name", name);
        body.put("role", role);
        if (phone != null) {
            body.put("phone", phone);
        }
        Api.Answer created = api.call("POST", "/users/register", adminToken, body);
        if (created.status() == 409) {
            return api.call("GET", "/users/email/" + email, adminToken, null).require(200, "look up " + email)
                    .get("id").asString();
        }
        return created.require(201, "register " + email).get("id").asString();
    }
}
