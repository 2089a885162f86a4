-- The books: regions and organisations (reference data), and per organisation its
-- accounts, entries, postings, monthly balances, periods and audit events. Every table that
-- holds an organisation's data has org_id first in every key (the Citus rule).

CREATE TABLE regions (
    region_id BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'county', 'city', 'subdistrict')),
    parent_id BLOB REFERENCES regions (region_id),
    path TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE organisations (
    org_id BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'team', 'supply-marketing', 'federation', 'association', 'government')),
    name TEXT NOT NULL,
    region_id BLOB REFERENCES regions (region_id),
    parent_org_id BLOB REFERENCES organisations (org_id),
    status TEXT NOT NULL CHECK (status IN ('preparatory', 'active', 'under-rectification', 'merged', 'dissolved')),
    founded TEXT,
    currency TEXT NOT NULL,
    scale INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 18),
    created_at TEXT NOT NULL
);

CREATE TABLE accounts (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    account_id BLOB NOT NULL,
    name TEXT NOT NULL,
    account_type TEXT NOT NULL CHECK (account_type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    label_en TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    production_cost INTEGER NOT NULL CHECK (production_cost IN (0, 1)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, account_id),
    UNIQUE (org_id, name)
);

-- The head of each book's hash chain: the last sequence number and its hash.
CREATE TABLE book_heads (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (org_id)
);

CREATE TABLE entries (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    sequence INTEGER NOT NULL CHECK (sequence > 0),
    entry_id BLOB NOT NULL,
    date TEXT NOT NULL,
    memo TEXT NOT NULL,
    source TEXT,
    reverses INTEGER,
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, sequence),
    UNIQUE (org_id, entry_id),
    FOREIGN KEY (org_id, reverses) REFERENCES entries (org_id, sequence)
) WITHOUT ROWID;
CREATE INDEX entries_by_date ON entries (org_id, date);

CREATE TABLE postings (
    org_id BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    line INTEGER NOT NULL CHECK (line >= 0),
    account_id BLOB NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (org_id, sequence, line),
    FOREIGN KEY (org_id, sequence) REFERENCES entries (org_id, sequence),
    FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, account_id)
) WITHOUT ROWID;
CREATE INDEX postings_by_account ON postings (org_id, account_id, sequence);

-- Per account and month (YYYY-MM), the sum of the postings; written with each entry.
CREATE TABLE balances (
    org_id BLOB NOT NULL,
    account_id BLOB NOT NULL,
    period TEXT NOT NULL CHECK (length(period) = 7),
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (org_id, account_id, period),
    FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, account_id)
) WITHOUT ROWID;

CREATE TABLE periods (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    period TEXT NOT NULL CHECK (length(period) = 7),
    closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
    changed_at TEXT NOT NULL,
    PRIMARY KEY (org_id, period)
);

CREATE TABLE audit_events (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    event_id BLOB NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (org_id, event_id)
);

-- Posted history is append-only: corrections are reversing entries.
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'posted entries are never changed'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'posted entries are never deleted'); END;
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'posted postings are never changed'); END;
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'posted postings are never deleted'); END;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;
