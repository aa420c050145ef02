-- The catalogue kept current by coordinators (issue 13). Every change to the schemes raises
-- the catalogue's version in the same transaction; each server instance compares it with the
-- version it loaded and reloads (and re-indexes) when it moved, so instances sharing one
-- database follow each other within a second. Each change is kept as a revision: who, when,
-- which fields, and the scheme as it became. Schemes changed in the portal are not overwritten
-- by the seed file again (edited_at).
CREATE TABLE catalogue_version (
    id      INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);

ALTER TABLE schemes ADD COLUMN edited_at BIGINT;

CREATE TABLE scheme_revisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    scheme_id     TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'edited', 'retired', 'imported')),
    changed       TEXT NOT NULL,             -- the fields that changed, comma-separated
    data          TEXT NOT NULL,             -- the scheme after the change (JSON)
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX scheme_revisions_scheme ON scheme_revisions (scheme_id, id);

-- Search alerts: an e-mail address and a search, nothing else. Confirmed by the link mailed
-- once; the same secret (stored only as its SHA-256) is in every digest's manage and
-- unsubscribe link.
CREATE TABLE search_alerts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL,
    query         TEXT NOT NULL,             -- the search as its query string
    language      TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    confirmed_at  BIGINT,
    created_at    BIGINT NOT NULL,
    checked_until BIGINT NOT NULL            -- scheme changes up to here were considered
);
CREATE INDEX search_alerts_confirmed ON search_alerts (confirmed_at);
