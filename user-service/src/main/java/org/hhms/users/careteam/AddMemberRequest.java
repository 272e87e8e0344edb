package org.hhms.users.careteam;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /users/{patient_id}/care-team}: the member's own role (doctor or caretaker) decides theirs. */
public record AddMemberRequest(@NotNull(message = "is required") UUID memberId) {
}
