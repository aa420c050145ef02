-- The monthly monitor (issue 15): anonymous counts of what people did on the portal, per month
-- (YYYY-MM, UTC), figure, sector and gemeente ("" when the figure has no such breakdown or it
-- was not known). Nothing here identifies a person: no ids, no times within the month. Each
-- instance counts in memory and adds its counts here every few seconds (`server::tally`).
CREATE TABLE monitor_tallies (
    month         TEXT NOT NULL,
    metric        TEXT NOT NULL,
    sector        TEXT NOT NULL,
    gemeente_code TEXT NOT NULL,
    count         BIGINT NOT NULL,
    PRIMARY KEY (month, metric, sector, gemeente_code)
);
