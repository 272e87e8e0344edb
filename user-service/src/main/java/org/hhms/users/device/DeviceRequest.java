package org.hhms.users.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hhms.web.input.SingleLine;

/** {@code POST /users/{patient_id}/devices}: the label the device's readings will carry, and a note. */
public record DeviceRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold only letters, digits and . _ : -") String deviceId,
        @SingleLine(max = 200) String description) {
}
