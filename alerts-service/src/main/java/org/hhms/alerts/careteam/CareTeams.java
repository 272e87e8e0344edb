package org.hhms.alerts.careteam;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.directory.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whom to notify about a patient: the care team as the user-service last published it on {@code hhms:users}
 * (stored here, a row per member), fetched once from the user-service when this service has not heard of the
 * patient yet.
 */
@Component
public class CareTeams {

    private static final Logger log = LoggerFactory.getLogger(CareTeams.class);

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final Clock clock;

    public CareTeams(JdbcClient jdbc, UserDirectory users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /**
     * The patient's team in escalation order: as stored, else asked of the user-service once. A 404 there means the
     * patient has no team (known, empty); no answer means nobody can tell right now (unknown).
     */
    public TeamLookup of(UUID patientId) {
        Optional<Instant> stored = jdbc.sql("SELECT updated_at FROM care_teams WHERE patient_id = :p")
                .param("p", patientId).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (stored.isPresent()) {
            return new TeamLookup.Known(members(patientId));
        }
        try {
            Optional<List<CareTeamChanged.Member>> team = users.careTeam(patientId);
            if (team.isEmpty()) {
                log.warn("No care team for patient {}: the user-service does not know them", patientId);
                return new TeamLookup.Known(List.of());
            }
            store(patientId, team.get(), clock.instant());
            return new TeamLookup.Known(members(patientId));
        } catch (UserDirectory.Unavailable e) {
            log.warn("Care team of patient {} unknown: {}", patientId, e.getBody().getDetail());
            return new TeamLookup.Unknown("user-service unavailable");
        }
    }

    /** The patients whose team includes this person (a doctor's inbox). */
    public List<UUID> patientsOf(UUID memberId) {
        return jdbc.sql("SELECT patient_id FROM care_team_members WHERE member_id = :m ORDER BY patient_id")
                .param("m", memberId).query(UUID.class).list();
    }

    /** Replaces the stored team (from a care_team.changed event), unless a newer one is already stored. */
    @Transactional
    public void store(UUID patientId, List<CareTeamChanged.Member> members, Instant asOf) {
        int newer = jdbc.sql("""
                INSERT INTO care_teams (patient_id, updated_at) VALUES (:p, :t)
                ON CONFLICT (patient_id) DO UPDATE SET updated_at = excluded.updated_at
                 WHERE care_teams.updated_at <= excluded.updated_at
                """).param("p", patientId).param("t", Timestamp.from(asOf)).update();
        if (newer == 0) {
            return; // a newer team is already stored
        }
        jdbc.sql("DELETE FROM care_team_members WHERE patient_id = :p").param("p", patientId).update();
        int order = 0;
        for (CareTeamChanged.Member m : members) {
            order++;
            jdbc.sql("""
                    INSERT INTO care_team_members (patient_id, member_id, full_name, role, phone, email, is_primary,
                                                   escalation_order)
                    VALUES (:p, :m, :name, :role, :phone, :email, :primary, :order)
                    ON CONFLICT DO NOTHING
                    """).param("p", patientId).param("m", m.userId()).param("name", m.fullName())
                    .param("role", m.role()).param("phone", m.phone()).param("email", m.email())
                    .param("primary", m.isPrimary()).param("order", m.escalationOrder() > 0 ? m.escalationOrder() : order)
                    .update();
        }
    }

    private List<CareTeamMember> members(UUID patientId) {
        return jdbc.sql("""
                SELECT member_id, full_name, role, phone, is_primary, escalation_order FROM care_team_members
                 WHERE patient_id = :p ORDER BY escalation_order, member_id
                """).param("p", patientId)
                .query((rs, n) -> new CareTeamMember(rs.getObject("member_id", UUID.class),
                        rs.getString("full_name") == null ? "" : rs.getString("full_name"),
                        rs.getString("role") == null ? "" : rs.getString("role"), rs.getString("phone"),
                        rs.getBoolean("is_primary"), rs.getInt("escalation_order")))
                .list();
    }
}
