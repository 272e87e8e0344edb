package org.hhms.users.careteam;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hhms.users.user.UserRole;
import org.hhms.web.DetachedRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Care-team links: the memberships through Spring Data JPA ({@link CareTeamRows}, {@link DetachedRows}); the team as
 * the API shows it (a join with {@code users}, ranked) is a read model in SQL. Callers hold the patient's row lock, so
 * changes to one team never interleave.
 */
@Repository
public class CareTeamRepository {

    private final CareTeamRows rows;
    private final DetachedRows detached;
    private final JdbcClient jdbc;

    public CareTeamRepository(CareTeamRows rows, EntityManager entityManager, JdbcClient jdbc) {
        this.rows = rows;
        this.detached = new DetachedRows(entityManager);
        this.jdbc = jdbc;
    }

    public boolean isMember(UUID patientId, UUID memberId) {
        return rows.existsById(new CareTeamMemberEntity.Key(patientId, memberId));
    }

    /** Appends a member at the end of the escalation order; the first doctor of a team becomes its primary. */
    public void add(UUID patientId, UUID memberId, UserRole role) {
        if (isMember(patientId, memberId)) {
            return;
        }
        boolean primary = role == UserRole.DOCTOR && !rows.existsByPatientIdAndPrimaryTrue(patientId);
        detached.insert(new CareTeamMemberEntity(patientId, memberId, role.json(), primary,
                rows.lastEscalationOrder(patientId) + 1));
    }

    /** Removes a member; when it was the primary doctor, the next doctor in escalation order takes over. */
    public boolean remove(UUID patientId, UUID memberId) {
        Optional<CareTeamMemberEntity> member = rows.findById(new CareTeamMemberEntity.Key(patientId, memberId));
        member.ifPresent(row -> {
            rows.delete(row);
            rows.flush();
            ensurePrimary(patientId);
        });
        return member.isPresent();
    }

    /** Makes this doctor (already a member) the primary one: the old primary steps down first (one per team). */
    public void makePrimary(UUID patientId, UUID doctorId) {
        rows.findByPatientIdAndPrimaryTrue(patientId).ifPresent(row -> {
            row.setPrimary(false);
            detached.written(row);
        });
        rows.findById(new CareTeamMemberEntity.Key(patientId, doctorId)).ifPresent(row -> {
            row.setPrimary(true);
            detached.written(row);
        });
    }

    /** The patients whose team this person is on (to update them when the person is deactivated). */
    public List<UUID> patientsOf(UUID memberId) {
        return rows.patientsOf(memberId);
    }

    /** Active members, primary doctor first, then the other doctors, then caretakers, each in escalation order. */
    public List<CareTeamMember> members(UUID patientId) {
        return jdbc.sql("""
                SELECT u.id, u.full_name, u.role, u.phone, u.email, m.is_primary,
                       row_number() OVER (ORDER BY m.is_primary DESC, m.member_role = 'caretaker',
                                                   m.escalation_order) AS position
                  FROM care_team_members m JOIN users u ON u.id = m.member_id
                 WHERE m.patient_id = :p AND u.is_active
                 ORDER BY position
                """).param("p", patientId)
                .query((rs, row) -> new CareTeamMember(rs.getObject("id", UUID.class), rs.getString("full_name"),
                        UserRole.parse(rs.getString("role")), rs.getString("phone"), rs.getString("email"),
                        rs.getBoolean("is_primary"), rs.getInt("position")))
                .list();
    }

    private void ensurePrimary(UUID patientId) {
        if (!rows.existsByPatientIdAndPrimaryTrue(patientId)) {
            rows.findFirstByPatientIdAndMemberRoleOrderByEscalationOrderAsc(patientId, UserRole.DOCTOR.json())
                    .ifPresent(row -> {
                        row.setPrimary(true);
                        detached.written(row);
                    });
        }
    }
}
