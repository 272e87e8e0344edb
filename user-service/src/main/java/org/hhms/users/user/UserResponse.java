package org.hhms.users.user;

import java.time.Instant;
import java.util.UUID;

/** The HHMS user JSON. */
public record UserResponse(UUID id, String email, String fullName, UserRole role, String phone, String organization,
        boolean isActive, UUID doctorId, Instant createdAt, Instant updatedAt) {

    public static UserResponse of(User user) {
        return new UserResponse(user.id(), user.email(), user.fullName(), user.role(), user.phone(),
                user.organization(), user.active(), user.doctorId(), user.createdAt(), user.updatedAt());
    }
}
