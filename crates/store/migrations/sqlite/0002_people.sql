-- People: users, the roles granted to them over an organisation or a region subtree, and
-- their API tokens. These live apart from any one organisation's data (Citus reference or
-- local tables), so they carry no org_id key.

CREATE TABLE users (
    user_id BLOB PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE role_grants (
    user_id BLOB NOT NULL REFERENCES users (user_id),
    grant_id BLOB NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'accountant', 'director', 'supervisor', 'federation-officer', 'government-officer', 'administrator')),
    org_id BLOB REFERENCES organisations (org_id),
    region_id BLOB REFERENCES regions (region_id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, grant_id),
    CHECK ((org_id IS NULL) <> (region_id IS NULL))
);

CREATE TABLE api_tokens (
    token_id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (user_id),
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
