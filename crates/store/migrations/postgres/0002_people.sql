-- People: users, the roles granted to them over an organisation or a region subtree, and
-- their API tokens. These live apart from any one organisation's data (Citus reference or
-- local tables), so they carry no org_id key.

CREATE TABLE users (
    user_id UUID PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    disabled BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE role_grants (
    user_id UUID NOT NULL REFERENCES users (user_id),
    grant_id UUID NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'accountant', 'director', 'supervisor', 'federation-officer', 'government-officer', 'administrator')),
    org_id UUID REFERENCES organisations (org_id),
    region_id UUID REFERENCES regions (region_id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, grant_id),
    CHECK ((org_id IS NULL) <> (region_id IS NULL))
);

CREATE TABLE api_tokens (
    token_id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (user_id),
    name TEXT NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
