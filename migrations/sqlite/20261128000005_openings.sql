-- Openings (issue 12): concrete places an employer makes from a pledge, which young people
-- respond to. The places of a pledge's openings never exceed the pledge (checked in the
-- transaction that adds one, with the pledge's row locked); filled never exceeds places.
CREATE TABLE openings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pledge_id       BIGINT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    kind            TEXT NOT NULL,
    level           TEXT NOT NULL,
    gemeente_code   TEXT NOT NULL REFERENCES gemeenten (code),
    start_date      TEXT NOT NULL,              -- YYYY-MM-DD
    hours           BIGINT NOT NULL CHECK (hours BETWEEN 1 AND 40),
    places          BIGINT NOT NULL CHECK (places > 0),
    filled          BIGINT NOT NULL DEFAULT 0,
    contact         TEXT NOT NULL,              -- the contact person's name (no address)
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at      BIGINT NOT NULL,
    closed_at       BIGINT,
    CHECK (filled >= 0 AND filled <= places)
);
CREATE INDEX openings_pledge ON openings (pledge_id);
CREATE INDEX openings_open ON openings (status, kind, gemeente_code);
