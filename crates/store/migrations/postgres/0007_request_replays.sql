-- Answers to POST requests that carried an Idempotency-Key (other than journal entries,
-- whose keys live with the books): a retried request gets the first answer again.
-- Keyed by the client's credentials, so one client's keys never meet another's.

CREATE TABLE request_replays (
    scope BYTEA NOT NULL CHECK (length(scope) = 32),
    key TEXT NOT NULL,
    request_hash BYTEA NOT NULL CHECK (length(request_hash) = 32),
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);
