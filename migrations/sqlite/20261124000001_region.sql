-- Regio Zwolle's municipalities: reference data for filters, criteria and demo data.
CREATE TABLE gemeenten (
    code     TEXT PRIMARY KEY NOT NULL,
    name     TEXT NOT NULL UNIQUE,
    province TEXT NOT NULL CHECK (province IN ('overijssel', 'gelderland', 'drenthe', 'flevoland'))
);
