package org.hhms.users.careteam;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A row of {@code care_team_members}; it never leaves {@link CareTeamRepository}. */
@Entity
@Table(name = "care_team_members")
@IdClass(CareTeamMemberEntity.Key.class)
class CareTeamMemberEntity {

    /** The primary key: one membership per patient and person. */
    record Key(UUID patientId, UUID memberId) implements Serializable {
    }

    @Id
    private UUID patientId;
    @Id
    private UUID memberId;
    private String memberRole;
    @Column(name = "is_primary")
    private boolean primary;
    private int escalationOrder;

    protected CareTeamMemberEntity() {
    }

    CareTeamMemberEntity(UUID patientId, UUID memberId, String memberRole, boolean primary, int escalationOrder) {
        this.patientId = patientId;
        this.memberId = memberId;
        this.memberRole = memberRole;
        this.primary = primary;
        this.escalationOrder = escalationOrder;
    }

    void setPrimary(boolean primary) {
        this.primary = primary;
    }
}
