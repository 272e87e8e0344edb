-- Sign-in: a person's password (bcrypt, never the password itself), their refresh tokens and the patients'
-- devices. Tokens are stored only as SHA-256 hashes: a copy of this database signs nobody in.
CREATE TABLE credentials (
    user_id       uuid PRIMARY KEY REFERENCES users (id),
    password_hash text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens rotate: each use revokes the token and issues its successor (replaced_by). Presenting a token
-- that was already rotated means it was copied, and revokes every token of that person.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    token_hash  text        NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    replaced_by uuid
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- A device posts readings for one patient with the token it was registered with. id is the token's subject;
-- device_id is the label its readings carry, unique among the patient's devices in use.
CREATE TABLE devices (
    id          uuid PRIMARY KEY,
    patient_id  uuid        NOT NULL REFERENCES users (id),
    device_id   text        NOT NULL,
    description text,
    token_hash  text        NOT NULL UNIQUE,
    created_by  uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    revoked_by  uuid
);
CREATE UNIQUE INDEX devices_in_use_key ON devices (patient_id, device_id) WHERE revoked_at IS NULL;
CREATE INDEX devices_patient_idx ON devices (patient_id);
