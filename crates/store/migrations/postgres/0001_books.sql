-- The books: regions and organisations (reference data), and per organisation its
-- accounts, entries, postings, monthly balances, periods and audit events. Every table that
-- holds an organisation's data has org_id first in every key (the Citus rule).

CREATE TABLE regions (
    region_id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'county', 'city', 'subdistrict')),
    parent_id UUID REFERENCES regions (region_id),
    path TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE organisations (
    org_id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'team', 'supply-marketing', 'federation', 'association', 'government')),
    name TEXT NOT NULL,
    region_id UUID REFERENCES regions (region_id),
    parent_org_id UUID REFERENCES organisations (org_id),
    status TEXT NOT NULL CHECK (status IN ('preparatory', 'active', 'under-rectification', 'merged', 'dissolved')),
    founded DATE,
    currency TEXT NOT NULL,
    scale INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 18),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE accounts (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    account_id UUID NOT NULL,
    name TEXT NOT NULL,
    account_type TEXT NOT NULL CHECK (account_type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    label_en TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    production_cost BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, account_id),
    UNIQUE (org_id, name)
);

-- The head of each book's hash chain: the last sequence number and its hash.
CREATE TABLE book_heads (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    sequence BIGINT NOT NULL CHECK (sequence >= 0),
    hash BYTEA NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (org_id)
);

CREATE TABLE entries (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    sequence BIGINT NOT NULL CHECK (sequence > 0),
    entry_id UUID NOT NULL,
    date DATE NOT NULL,
    memo TEXT NOT NULL,
    source TEXT,
    reverses BIGINT,
    hash BYTEA NOT NULL CHECK (length(hash) = 32),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, sequence),
    UNIQUE (org_id, entry_id),
    FOREIGN KEY (org_id, reverses) REFERENCES entries (org_id, sequence)
);
CREATE INDEX entries_by_date ON entries (org_id, date);

CREATE TABLE postings (
    org_id UUID NOT NULL,
    sequence BIGINT NOT NULL,
    line INTEGER NOT NULL CHECK (line >= 0),
    account_id UUID NOT NULL,
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (org_id, sequence, line),
    FOREIGN KEY (org_id, sequence) REFERENCES entries (org_id, sequence),
    FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, account_id)
);
CREATE INDEX postings_by_account ON postings (org_id, account_id, sequence);

-- Per account and month (YYYY-MM), the sum of the postings; written with each entry.
CREATE TABLE balances (
    org_id UUID NOT NULL,
    account_id UUID NOT NULL,
    period TEXT NOT NULL CHECK (length(period) = 7),
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (org_id, account_id, period),
    FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, account_id)
);

CREATE TABLE periods (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    period TEXT NOT NULL CHECK (length(period) = 7),
    closed BOOLEAN NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, period)
);

CREATE TABLE audit_events (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    event_id UUID NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (org_id, event_id)
);

-- Posted history is append-only: corrections are reversing entries. (Citus refuses
-- triggers on distributed tables; there the application's role has no UPDATE or DELETE
-- on these tables instead, and `artel verify` detects any change made behind its back.)
CREATE FUNCTION artel_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'posted history is never changed or deleted (table %)', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION artel_refuse_change();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION artel_refuse_change();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION artel_refuse_change();
