-- Idempotency keys: a client names each post with a key of its own, so that a retried
-- request finds the entry its first attempt posted instead of posting it again. The key is
-- looked up and recorded in the post's own transaction; the request's hash tells a retry
-- (the same request) from a different request that reuses a key.

CREATE TABLE idempotency_keys (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    key TEXT NOT NULL CHECK (length(key) > 0),
    request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
    sequence INTEGER NOT NULL CHECK (sequence > 0),
    entry_id BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, key),
    FOREIGN KEY (org_id, sequence) REFERENCES entries (org_id, sequence)
) WITHOUT ROWID;
