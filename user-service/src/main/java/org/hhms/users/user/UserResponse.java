package org.hhms.users.user;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.events.UserChanged;

/** The HHMS user JSON. */
public record UserResponse(UUID id, String email, String fullName, UserRole role, String phone, String organization,
        boolean isActive, UUID doctorId, Instant createdAt, Instant updatedAt) {

    /** The person as their user events say it. */
    public UserChanged event() {
        return new UserChanged(id, email, fullName, role.json(), phone, organization, isActive, doctorId, createdAt,
                updatedAt);
    }

    public static UserResponse of(User user) {
        return new UserResponse(user.id(), user.email(), user.fullName(), user.role(), user.phone(),
                user.organization(), user.active(), user.doctorId(), user.createdAt(), user.updatedAt());
    }
}
