-- Secrets the server instances share, made once by the first instance that starts: the key that
-- signs CSRF tokens (so a token planted in a browser from outside is refused). Never shown,
-- never logged. Times are Unix seconds.
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
