package org.hhms.users.user;

import java.time.Instant;
import java.util.UUID;

/** A person as stored. {@code doctorId} is the patient's primary doctor (null for others or when none). */
public record User(UUID id, String email, String fullName, UserRole role, String phone, String organization,
        boolean active, UUID doctorId, Instant createdAt, Instant updatedAt) {
}
