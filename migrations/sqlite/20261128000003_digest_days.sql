-- The days on which the coordinators' daily digest was sent: claimed once per day, so several
-- server instances on one database never send it twice.
CREATE TABLE digest_days (
    day     TEXT PRIMARY KEY NOT NULL,
    sent_at BIGINT NOT NULL
);
