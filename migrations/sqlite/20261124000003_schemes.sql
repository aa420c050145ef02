-- The catalogue of schemes (regelingen) and the applications (aanmeldingen) people send from the
-- scholingscalculator. Times are Unix seconds.
CREATE TABLE schemes (
    id            TEXT PRIMARY KEY NOT NULL,
    position      BIGINT NOT NULL,
    name          TEXT NOT NULL,
    audience      TEXT NOT NULL CHECK (audience IN ('individual', 'employer', 'both')),
    status        TEXT NOT NULL CHECK (status IN ('running', 'unconfirmed', 'ended')),
    data          TEXT NOT NULL,                 -- the scheme as JSON (app::domain::schemes::Scheme)
    capacity_used BIGINT NOT NULL DEFAULT 0,     -- places granted by coordinators
    updated_at    BIGINT NOT NULL
);

CREATE TABLE scheme_applications (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    reference         TEXT NOT NULL UNIQUE,
    scheme_id         TEXT NOT NULL REFERENCES schemes (id),
    name              TEXT NOT NULL,
    email             TEXT,
    phone             TEXT,
    preferred_contact TEXT NOT NULL CHECK (preferred_contact IN ('email', 'phone')),
    question          TEXT NOT NULL,
    answers           TEXT NOT NULL,             -- the calculator answers (a query string, nothing personal)
    language          TEXT NOT NULL,
    consent_at        BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    granted           BOOLEAN NOT NULL DEFAULT FALSE,
    handled_at        BIGINT,
    handled_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL),
    CHECK ((status = 'handled') = (handled_at IS NOT NULL))
);
CREATE INDEX scheme_applications_queue ON scheme_applications (status, created_at);
