package org.hhms.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The user-service's lookups on a real socket: {@code GET /users/{id}} answers the patients the test added,
 * {@code GET /users/{id}/patients} a doctor's list; everything else is a 404 problem.
 */
public final class FakeUserService implements AutoCloseable {

    private final HttpServer server;
    private final Map<UUID, String> roles = new ConcurrentHashMap<>();
    private final Map<UUID, List<UUID>> patientsOfDoctor = new ConcurrentHashMap<>();
    private final Map<UUID, Map<UUID, String>> careTeams = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean available = true;

    public FakeUserService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/users/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public UUID addPatient() {
        UUID id = UUID.randomUUID();
        roles.put(id, "patient");
        return id;
    }

    public UUID addDoctor(List<UUID> patients) {
        UUID id = UUID.randomUUID();
        roles.put(id, "doctor");
        patientsOfDoctor.put(id, patients);
        patients.forEach(patient -> careTeams.computeIfAbsent(patient, p -> new ConcurrentHashMap<>()).put(id, "doctor"));
        return id;
    }

    /** A caretaker on the care team of the given patients. */
    public UUID addCaretaker(List<UUID> patients) {
        UUID id = UUID.randomUUID();
        roles.put(id, "caretaker");
        patients.forEach(p -> careTeams.computeIfAbsent(p, k -> new ConcurrentHashMap<>()).put(id, "caretaker"));
        return id;
    }

    /** While unavailable it answers every request 503, as a user-service whose database is down would. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** How many requests it has answered. */
    public int lookups() {
        return lookups.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        lookups.incrementAndGet();
        if (!available) {
            HttpStubs.respond(exchange, 503, "{\"status\":503,\"detail\":\"unavailable\"}");
            return;
        }
        try {
            UUID id = UUID.fromString(parts[2]);
            String role = roles.get(id);
            if (role == null) {
                HttpStubs.respond(exchange, 404, "{\"status\":404,\"detail\":\"No active user with id " + id + "\"}");
            } else if (parts.length == 4 && parts[3].equals("care-team")) {
                StringBuilder members = new StringBuilder("[");
                careTeams.getOrDefault(id, Map.of()).forEach((member, memberRole) -> members
                        .append(members.length() > 1 ? "," : "")
                        .append("{\"user_id\":\"" + member + "\",\"role\":\"" + memberRole + "\"}"));
                HttpStubs.respond(exchange, 200, "{\"patient_id\":\"" + id + "\",\"members\":" + members + "]}");
            } else if (parts.length == 4 && parts[3].equals("patients")) {
                if (!role.equals("doctor")) {
                    HttpStubs.respond(exchange, 400, "{\"status\":400,\"detail\":\"doctor_id: user " + id
                            + " is a patient, not a doctor\"}");
                    return;
                }
                StringBuilder list = new StringBuilder("[");
                for (UUID patient : patientsOfDoctor.get(id)) {
                    list.append(list.length() > 1 ? "," : "").append(user(patient, "patient"));
                }
                HttpStubs.respond(exchange, 200, list.append(']').toString());
            } else {
                HttpStubs.respond(exchange, 200, user(id, role));
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            HttpStubs.respond(exchange, 400, "{\"status\":400}");
        }
    }

    private static String user(UUID id, String role) {
        return "{\"id\":\"" + id + "\",\"role\":\"" + role + "\",\"is_active\":true,"
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}";
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
