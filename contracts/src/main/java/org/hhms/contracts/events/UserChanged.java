package org.hhms.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code user.registered}, {@code user.updated} and {@code user.deactivated} on {@code hhms:users}: the person as
 * they are after the change (the user JSON of {@code GET /users/{id}}). {@code role} is patient, doctor, caretaker
 * or admin.
 */
public record UserChanged(UUID id, String email, String fullName, String role, String phone, String organization,
        boolean isActive, UUID doctorId, Instant createdAt, Instant updatedAt) implements EventPayload {

    public boolean isPatient() {
        return "patient".equals(role);
    }
}
