package org.hhms.users.device;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A registered device as the API shows it. {@code id} is the subject of its token; {@code token} is present only
 * in the answer to its registration and is never stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(UUID id, UUID patientId, String deviceId, String description, UUID createdBy,
        Instant createdAt, Instant expiresAt, Instant revokedAt, String token) {

    public Device withToken(String value) {
        return new Device(id, patientId, deviceId, description, createdBy, createdAt, expiresAt, revokedAt, value);
    }
}
