package org.hhms.users.careteam;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Spring Data JPA over {@code care_team_members}; only {@link CareTeamRepository} uses it. */
interface CareTeamRows extends JpaRepository<CareTeamMemberEntity, CareTeamMemberEntity.Key> {

    Optional<CareTeamMemberEntity> findByPatientIdAndPrimaryTrue(UUID patientId);

    boolean existsByPatientIdAndPrimaryTrue(UUID patientId);

    Optional<CareTeamMemberEntity> findFirstByPatientIdAndMemberRoleOrderByEscalationOrderAsc(UUID patientId,
            String memberRole);

    @Query("SELECT coalesce(max(m.escalationOrder), 0) FROM CareTeamMemberEntity m WHERE m.patientId = :patientId")
    int lastEscalationOrder(UUID patientId);

    @Query("SELECT m.patientId FROM CareTeamMemberEntity m WHERE m.memberId = :memberId ORDER BY m.patientId")
    List<UUID> patientsOf(UUID memberId);
}
