package org.hhms.users.device;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.hhms.tokens.JwtTokens;
import org.hhms.users.config.UsersProperties;
import org.hhms.users.credentials.OpaqueTokens;
import org.hhms.users.user.UserRepository;
import org.hhms.users.user.UserRole;
import org.hhms.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Registering a patient's devices (each gets its token once), listing them and revoking them. */
@Service
public class DeviceService {

    private final DeviceRepository devices;
    private final UserRepository users;
    private final JwtTokens tokens;
    private final RevocationList revocations;
    private final UsersProperties properties;
    private final Clock clock;

    public DeviceService(DeviceRepository devices, UserRepository users, JwtTokens tokens,
            RevocationList revocations, UsersProperties properties, Clock clock) {
        this.devices = devices;
        this.users = users;
        this.tokens = tokens;
        this.revocations = revocations;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Device register(UUID patientId, DeviceRequest request, UUID registeredBy) {
        requirePatient(patientId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Device device = new Device(UUID.randomUUID(), patientId, request.deviceId(),
                request.description() == null || request.description().isBlank() ? null : request.description().trim(),
                registeredBy, now, now.plus(properties.deviceTokenTtl()), null, null);
        String token = tokens.device(device.id(), patientId, device.deviceId(), properties.deviceTokenTtl());
        try {
            devices.insert(device, OpaqueTokens.sha256(token));
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("device_id: patient " + patientId + " already has a device '"
                    + request.deviceId() + "' in use; revoke it first or choose another label");
        }
        return device.withToken(token);
    }

    public List<Device> list(UUID patientId) {
        requirePatient(patientId);
        return devices.ofPatient(patientId);
    }

    @Transactional
    public Device revoke(UUID patientId, UUID deviceKey, UUID revokedBy) {
        requirePatient(patientId);
        devices.find(patientId, deviceKey).orElseThrow(() -> ApiProblem.notFound(
                "Patient " + patientId + " has no device with id " + deviceKey));
        publishAfterCommit(devices.revoke(patientId, deviceKey, revokedBy, clock.instant()));
        return devices.find(patientId, deviceKey).orElseThrow();
    }

    /** Revokes every device of a patient (the patient was deactivated). Runs in the caller's transaction. */
    public void revokeAll(UUID patientId, UUID revokedBy) {
        publishAfterCommit(devices.revoke(patientId, null, revokedBy, clock.instant()));
    }

    private void publishAfterCommit(List<UUID> revoked) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                revocations.add(revoked);
            }
        });
    }

    private void requirePatient(UUID patientId) {
        users.findActive(patientId).filter(u -> u.role() == UserRole.PATIENT)
                .orElseThrow(() -> ApiProblem.notFound("No active patient with id " + patientId));
    }
}
