-- Vacancies (issue 14): posted by employers in the portal, imported (JSON-LD, CSV) by
-- coordinators, or generated as demo data. Each is kept whole as JSON (domain::vacancies::
-- Vacancy) with the columns queries need: the matcher reads every open, unexpired vacancy
-- into its in-memory index and never queries skills by SQL. `ref` names a vacancy across
-- imports (the source's identifier), so importing a file again updates what it imported.
-- Every change raises vacancy_version in its transaction; each instance rebuilds its index
-- when the version it holds is no longer the database's.
CREATE TABLE vacancies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ref             TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL CHECK (source IN ('portal', 'import', 'demo')),
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    data            TEXT NOT NULL,
    gemeente_code   TEXT NOT NULL REFERENCES gemeenten (code),
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    posted          TEXT NOT NULL,              -- YYYY-MM-DD
    valid_through   TEXT,                       -- YYYY-MM-DD, the last day it is open
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    actor_user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX vacancies_open ON vacancies (status, valid_through);
CREATE INDEX vacancies_organisation ON vacancies (organisation_id);

CREATE TABLE vacancy_version (
    id      INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO vacancy_version (id, version) VALUES (1, 1);

-- A Skills CV saved on the server, only when its owner asks (the default is the browser's
-- own storage). One per account; deleted with the account; no employer ever reads it.
CREATE TABLE skills_cvs (
    user_id  BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    data     TEXT NOT NULL,
    saved_at BIGINT NOT NULL
);
