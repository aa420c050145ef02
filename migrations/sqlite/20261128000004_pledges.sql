-- The regional drive for 1000 extra stages and leerbanen (issue 12): the target, the employers'
-- pledges and every change to a pledge. Pledged is not realised: placements are counted apart.

-- Fictional organisations of the demo board are marked, so nobody takes them for real ones.
ALTER TABLE organisations ADD COLUMN demo BOOLEAN NOT NULL DEFAULT FALSE;

-- One row: the drive's target (an admin can change it).
CREATE TABLE drive_settings (
    id     BIGINT PRIMARY KEY CHECK (id = 1),
    target BIGINT NOT NULL CHECK (target > 0)
);
INSERT INTO drive_settings (id, target) VALUES (1, 1000);

CREATE TABLE pledges (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,            -- domain::stages::PlaceKind
    places          BIGINT NOT NULL CHECK (places > 0),
    sector          TEXT NOT NULL,
    level           TEXT NOT NULL,            -- domain::stages::Level
    gemeente_code   TEXT NOT NULL REFERENCES gemeenten (code),
    period_from     TEXT NOT NULL,            -- YYYY-MM-DD
    period_to       TEXT NOT NULL,
    show_name       BOOLEAN NOT NULL,         -- the organisation's name may be shown publicly
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'verified', 'rejected', 'withdrawn')),
    reason          TEXT,                     -- why a coordinator rejected it
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    CHECK (period_from <= period_to)
);
CREATE INDEX pledges_organisation ON pledges (organisation_id);
CREATE INDEX pledges_status ON pledges (status, created_at);

-- The history of a pledge: what it was after each event, and who caused it.
CREATE TABLE pledge_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    pledge_id BIGINT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    event     TEXT NOT NULL CHECK (event IN ('created', 'edited', 'withdrawn', 'verified', 'rejected')),
    user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    details   TEXT NOT NULL,                  -- the pledge after the event, as a query string
    at        BIGINT NOT NULL
);
CREATE INDEX pledge_events_pledge ON pledge_events (pledge_id, at);
