-- Responses of young people to openings (issue 12), without an account. A response holds
-- personal data only as long as it is needed: the young person can delete it at any time, and
-- the retention job deletes it a set time after its opening closed. The figures of the drive
-- (responses received, places filled) are counted apart, anonymously, in response_tallies.
CREATE TABLE responses (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    opening_id       BIGINT NOT NULL REFERENCES openings (id) ON DELETE CASCADE,
    organisation_id  BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    reference        TEXT NOT NULL UNIQUE,     -- "HVW-7K3M-Q9TX": to read out on the phone
    token_hash       TEXT NOT NULL UNIQUE,     -- SHA-256 of the status link's token
    name             TEXT NOT NULL,
    email            TEXT,
    phone            TEXT,
    school           TEXT NOT NULL,
    study            TEXT NOT NULL,
    level            TEXT NOT NULL,            -- domain::stages::Level
    motivation       TEXT NOT NULL,
    under_16         BOOLEAN NOT NULL,
    guardian         TEXT,                     -- the consenting parent or guardian (under 16)
    language         TEXT NOT NULL,            -- the language to write to them in
    status           TEXT NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'read', 'invited', 'placed', 'declined', 'withdrawn')),
    consent_at       BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    answered_at      BIGINT,                   -- the employer's first answer (invite, place, decline)
    reminded_at      BIGINT,                   -- the employer was reminded (after 7 days)
    nudged_at        BIGINT,                   -- the young person was told no answer came (14 days)
    -- Where a placement was counted in response_tallies (month|kind|sector|gemeente), so taking
    -- it back takes it from the same count even when the pledge changed since.
    placed_tally     TEXT,
    updated_at       BIGINT NOT NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX responses_opening ON responses (opening_id, status);
CREATE INDEX responses_waiting ON responses (status, created_at);

-- What happened to a response, with the employer's message to the young person.
CREATE TABLE response_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    status      TEXT NOT NULL,                 -- the status it moved to
    message     TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX response_events_response ON response_events (response_id, at);

-- Anonymous figures that survive the responses: per month (YYYY-MM), kind, sector and gemeente,
-- how many responses came in and how many places were filled.
CREATE TABLE response_tallies (
    month         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    sector        TEXT NOT NULL,
    gemeente_code TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('received', 'placed')),
    count         BIGINT NOT NULL,
    PRIMARY KEY (month, kind, sector, gemeente_code, outcome)
);
