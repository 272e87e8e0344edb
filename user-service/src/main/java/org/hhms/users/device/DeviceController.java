package org.hhms.users.device;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A patient's devices, managed by admins and the patient's doctors. */
@RestController
@RequestMapping("/users/{patientId}/devices")
public class DeviceController {

    private final DeviceService service;
    private final PatientAccess access;

    public DeviceController(DeviceService service, PatientAccess access) {
        this.service = service;
        this.access = access;
    }

    /** 201 with the device and its {@code token}: the only time the token is shown. */
    @PostMapping
    public ResponseEntity<Device> register(@PathVariable UUID patientId, @Valid @RequestBody DeviceRequest request) {
        Caller caller = access.require(patientId, Relation.DOCTOR);
        Device device = service.register(patientId, request, caller.id());
        return ResponseEntity.created(URI.create("/users/" + patientId + "/devices/" + device.id())).body(device);
    }

    @GetMapping
    public List<Device> list(@PathVariable UUID patientId) {
        access.require(patientId, Relation.DOCTOR);
        return service.list(patientId);
    }

    /** Revokes the device's token (idempotent); every service refuses it within seconds. */
    @DeleteMapping("/{deviceKey}")
    public Device revoke(@PathVariable UUID patientId, @PathVariable UUID deviceKey) {
        Caller caller = access.require(patientId, Relation.DOCTOR);
        return service.revoke(patientId, deviceKey, caller.id());
    }
}
