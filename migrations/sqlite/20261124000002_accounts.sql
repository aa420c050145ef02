-- Accounts: organisations of employers, users with a role, server-side sessions, one-time
-- tokens (stored hashed), the e-mail outbox and the audit log. Times are Unix seconds.
CREATE TABLE organisations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT NOT NULL,
    kvk                TEXT NOT NULL UNIQUE CHECK (length(kvk) = 8),
    gemeente_code      TEXT REFERENCES gemeenten (code),  -- NULL: elsewhere ("elders")
    sector             TEXT NOT NULL,
    erkend_leerbedrijf BOOLEAN NOT NULL,
    created_at         BIGINT NOT NULL
);

CREATE TABLE users (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id    BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    role               TEXT NOT NULL CHECK (role IN ('employer', 'coordinator', 'admin')),
    name               TEXT NOT NULL,
    email              TEXT NOT NULL UNIQUE,
    password_hash      TEXT NOT NULL,
    email_confirmed_at BIGINT,
    disabled_at        BIGINT,
    created_at         BIGINT NOT NULL,
    CHECK ((role = 'employer') = (organisation_id IS NOT NULL))
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY NOT NULL,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'invite')),
    user_id         BIGINT REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    email           TEXT,
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at    BIGINT,
    attempts   BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);

-- Who did what to which account: ids only, no names or addresses.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             BIGINT NOT NULL,
    actor_user_id  BIGINT,
    action         TEXT NOT NULL,
    target_user_id BIGINT,
    target_org_id  BIGINT,
    detail         TEXT NOT NULL DEFAULT ''
);
