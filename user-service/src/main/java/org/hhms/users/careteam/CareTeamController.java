package org.hhms.users.careteam;

import java.util.Map;
import java.util.UUID;

import org.hhms.users.user.UserResponse;
import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/**
 * Care teams: the HHMS doctor–patient relationship routes and the care-team routes for doctors and caretakers.
 * A team is changed by admins and by the patient's doctors; it is read by them, its caretakers and the patient.
 */
@RestController
@RequestMapping("/users")
public class CareTeamController {

    private final CareTeamService service;
    private final PatientAccess access;

    public CareTeamController(CareTeamService service, PatientAccess access) {
        this.service = service;
        this.access = access;
    }

    @PostMapping("/relationships")
    public UserResponse link(@Valid @RequestBody DoctorPatientLink link) {
        access.require(link.patientId(), Relation.DOCTOR);
        return UserResponse.of(service.linkDoctor(link.doctorId(), link.patientId()));
    }

    @DeleteMapping("/relationships/unlink")
    public UserResponse unlink(@Valid @RequestBody DoctorPatientLink link) {
        access.require(link.patientId(), Relation.DOCTOR);
        return UserResponse.of(service.unlinkDoctor(link.doctorId(), link.patientId()));
    }

    @GetMapping("/relationships/check")
    public Map<String, Boolean> check(@RequestParam("doctor_id") UUID doctorId,
            @RequestParam("patient_id") UUID patientId) {
        if (!doctorId.equals(Caller.current().id())) {
            access.require(patientId, Relation.SELF);
        }
        return Map.of("assigned", service.isAssigned(doctorId, patientId));
    }

    @GetMapping("/{patientId}/care-team")
    public CareTeam careTeam(@PathVariable UUID patientId) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR, Relation.CARETAKER);
        return service.careTeam(patientId);
    }

    @PostMapping("/{patientId}/care-team")
    public CareTeam addMember(@PathVariable UUID patientId, @Valid @RequestBody AddMemberRequest request) {
        access.require(patientId, Relation.DOCTOR);
        return service.addMember(patientId, request.memberId());
    }

    @DeleteMapping("/{patientId}/care-team/{memberId}")
    public CareTeam removeMember(@PathVariable UUID patientId, @PathVariable UUID memberId) {
        access.require(patientId, Relation.DOCTOR);
        return service.removeMember(patientId, memberId);
    }
}
