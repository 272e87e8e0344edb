-- Each care team's members as rows, so "whose team is this person on" (a doctor's inbox, who may watch a patient's
-- alerts) is a query on an index rather than a LIKE over serialised JSON. care_teams keeps when the copy was made.
CREATE TABLE care_team_members (
    patient_id       uuid    NOT NULL REFERENCES care_teams (patient_id) ON DELETE CASCADE,
    member_id        uuid    NOT NULL,
    full_name        text,
    role             text,
    phone            text,
    email            text,
    is_primary       boolean NOT NULL DEFAULT false,
    escalation_order integer NOT NULL,
    PRIMARY KEY (patient_id, member_id)
);
CREATE INDEX care_team_members_member_idx ON care_team_members (member_id);

INSERT INTO care_team_members (patient_id, member_id, full_name, role, phone, email, is_primary, escalation_order)
SELECT t.patient_id, (m.value ->> 'user_id')::uuid, m.value ->> 'full_name', m.value ->> 'role', m.value ->> 'phone',
       m.value ->> 'email', coalesce((m.value ->> 'is_primary')::boolean, false),
       coalesce((m.value ->> 'escalation_order')::integer, m.ordinality::integer)
  FROM care_teams t, jsonb_array_elements(t.members::jsonb) WITH ORDINALITY AS m(value, ordinality)
 WHERE m.value ->> 'user_id' IS NOT NULL
ON CONFLICT DO NOTHING;

ALTER TABLE care_teams DROP COLUMN members;
