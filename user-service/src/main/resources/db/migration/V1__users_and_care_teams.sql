-- People and who cares for whom. Users are never deleted: DELETE /users/{id} sets is_active = false so medical
-- records that name them stay meaningful.
CREATE TABLE users (
    id           uuid PRIMARY KEY,
    email        text        NOT NULL,
    full_name    text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('patient', 'doctor', 'caretaker', 'admin')),
    phone        text,
    organization text,
    is_active    boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Case-insensitive uniqueness enforced by the database, so two concurrent registrations cannot both win.
-- Only active accounts hold their address: a deactivated person's email may be registered again.
CREATE UNIQUE INDEX users_active_email_key ON users (lower(email)) WHERE is_active;
CREATE INDEX users_role_idx ON users (role) WHERE is_active;

-- The care team of a patient: doctors and caretakers in escalation order. The primary doctor (HHMS doctor_id)
-- is the doctor with is_primary; at most one per patient.
CREATE TABLE care_team_members (
    patient_id       uuid        NOT NULL REFERENCES users (id),
    member_id        uuid        NOT NULL REFERENCES users (id),
    member_role      text        NOT NULL CHECK (member_role IN ('doctor', 'caretaker')),
    is_primary       boolean     NOT NULL DEFAULT false,
    escalation_order integer     NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (patient_id, member_id),
    CHECK (patient_id <> member_id),
    CHECK (NOT is_primary OR member_role = 'doctor')
);

CREATE UNIQUE INDEX care_team_members_one_primary ON care_team_members (patient_id) WHERE is_primary;
CREATE INDEX care_team_members_member_idx ON care_team_members (member_id);
