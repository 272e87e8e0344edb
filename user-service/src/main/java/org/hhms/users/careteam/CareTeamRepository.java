package org.hhms.users.careteam;

import java.util.List;
import java.util.UUID;

import org.hhms.users.user.UserRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Care-team links. Callers hold the patient's row lock, so changes to one team never interleave. */
@Repository
public class CareTeamRepository {

    private final JdbcClient jdbc;

    public CareTeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isMember(UUID patientId, UUID memberId) {
        return jdbc.sql("SELECT count(*) FROM care_team_members WHERE patient_id = :p AND member_id = :m")
                .param("p", patientId).param("m", memberId).query(Long.class).single() > 0;
    }

    /** Appends a member at the end of the escalation order; the first doctor of a team becomes its primary. */
    public void add(UUID patientId, UUID memberId, UserRole role) {
        jdbc.sql("""
                INSERT INTO care_team_members (patient_id, member_id, member_role, is_primary, escalation_order)
                SELECT :p, :m, :role,
                       :role = 'doctor' AND NOT EXISTS (SELECT 1 FROM care_team_members
                                                         WHERE patient_id = :p AND is_primary),
                       coalesce(max(escalation_order), 0) + 1
                  FROM care_team_members WHERE patient_id = :p
                ON CONFLICT (patient_id, member_id) DO NOTHING
                """).param("p", patientId).param("m", memberId).param("role", role.json()).update();
    }

    /** Removes a member; when it was the primary doctor, the next doctor in escalation order takes over. */
    public boolean remove(UUID patientId, UUID memberId) {
        int removed = jdbc.sql("DELETE FROM care_team_members WHERE patient_id = :p AND member_id = :m")
                .param("p", patientId).param("m", memberId).update();
        if (removed > 0) {
            ensurePrimary(patientId);
        }
        return removed > 0;
    }

    /** Makes this doctor (already a member) the primary one. */
    public void makePrimary(UUID patientId, UUID doctorId) {
        jdbc.sql("UPDATE care_team_members SET is_primary = false WHERE patient_id = :p AND is_primary")
                .param("p", patientId).update();
        jdbc.sql("UPDATE care_team_members SET is_primary = true WHERE patient_id = :p AND member_id = :m")
                .param("p", patientId).param("m", doctorId).update();
    }

    /** The patients whose team this person is on (to update them when the person is deactivated). */
    public List<UUID> patientsOf(UUID memberId) {
        return jdbc.sql("SELECT patient_id FROM care_team_members WHERE member_id = :m ORDER BY patient_id")
                .param("m", memberId).query(UUID.class).list();
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
        jdbc.sql("""
                UPDATE care_team_members SET is_primary = true
                 WHERE patient_id = :p AND member_id = (
                       SELECT member_id FROM care_team_members
                        WHERE patient_id = :p AND member_role = 'doctor'
                          AND NOT EXISTS (SELECT 1 FROM care_team_members WHERE patient_id = :p AND is_primary)
                        ORDER BY escalation_order LIMIT 1)
                """).param("p", patientId).update();
    }
}
