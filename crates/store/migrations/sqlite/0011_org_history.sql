-- The history of organisations: every change of status or kind as an append-only event
-- (the organisations row keeps the current status and kind in step), memberships of
-- organisations in organisations over time, the bodies affiliated to an organisation
-- (trade-union, youth-league and party branches, women's committees) and members'
-- affiliations to them. Every key starts with org_id (the Citus rule).

CREATE TABLE org_events (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    sequence INTEGER NOT NULL CHECK (sequence > 0),
    date TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('founded', 'status', 'upgraded')),
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'team', 'supply-marketing', 'federation', 'association', 'government')),
    status TEXT NOT NULL CHECK (status IN ('preparatory', 'active', 'under-rectification', 'merged', 'dissolved')),
    note TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (org_id, sequence)
);

CREATE TRIGGER org_events_no_update BEFORE UPDATE ON org_events
BEGIN SELECT RAISE(ABORT, 'organisation events are never changed'); END;
CREATE TRIGGER org_events_no_delete BEFORE DELETE ON org_events
BEGIN SELECT RAISE(ABORT, 'organisation events are never deleted'); END;

-- Organisations that existed before their history was kept start it on their founding
-- date, or on the day they were recorded.
INSERT INTO org_events (org_id, sequence, date, event, kind, status, note, recorded_at)
SELECT org_id, 1, COALESCE(founded, substr(created_at, 1, 10)), 'founded', kind, status, '', created_at
FROM organisations;

CREATE TABLE org_memberships (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    parent_org_id BLOB NOT NULL REFERENCES organisations (org_id),
    since TEXT NOT NULL,
    until TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (org_id, parent_org_id, since),
    CHECK (until IS NULL OR until >= since),
    CHECK (parent_org_id <> org_id)
);

INSERT INTO org_memberships (org_id, parent_org_id, since, until, recorded_at)
SELECT org_id, parent_org_id, COALESCE(founded, substr(created_at, 1, 10)), NULL, created_at
FROM organisations WHERE parent_org_id IS NOT NULL;

CREATE TABLE org_bodies (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    body_id BLOB NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('trade-union', 'youth-league', 'party-branch', 'women-committee')),
    name TEXT NOT NULL CHECK (name <> ''),
    founded TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, body_id),
    UNIQUE (org_id, name)
);

CREATE TABLE member_affiliations (
    org_id BLOB NOT NULL,
    body_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    since TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, body_id, member_id),
    FOREIGN KEY (org_id, body_id) REFERENCES org_bodies (org_id, body_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);
