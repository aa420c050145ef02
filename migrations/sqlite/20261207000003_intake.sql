-- The intake's warm handoff: with explicit consent, a person's answers and how to reach them go
-- to the coordinators' queue (/beheer/intake). Without consent nothing personal is stored (the
-- anonymous completion count is a monitor tally). Deleted a retention period after handling,
-- like applications.
CREATE TABLE intake_requests (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    reference         TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    email             TEXT,
    phone             TEXT,
    preferred_contact TEXT NOT NULL CHECK (preferred_contact IN ('email', 'phone')),
    message           TEXT NOT NULL,
    answers           TEXT NOT NULL,             -- the intake's answers, a query string
    gemeente_code     TEXT,                      -- from the answers, for routing to a team
    guidance          TEXT NOT NULL CHECK (guidance IN ('fits', 'offered', 'toolbox')),
    language          TEXT NOT NULL,
    consent_at        BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    handled_at        BIGINT,
    handled_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL),
    CHECK ((status = 'handled') = (handled_at IS NOT NULL))
);
CREATE INDEX intake_requests_queue ON intake_requests (status, created_at);
