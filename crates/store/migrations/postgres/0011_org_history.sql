-- The history of organisations: every change of status or kind as an append-only event
-- (the organisations row keeps the current status and kind in step), memberships of
-- organisations in organisations over time, the bodies affiliated to an organisation
-- (trade-union, youth-league and party branches, women's committees) and members'
-- affiliations to them. Every key starts with org_id (the Citus rule).

CREATE TABLE org_events (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    sequence BIGINT NOT NULL CHECK (sequence > 0),
    date DATE NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('founded', 'status', 'upgraded')),
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'team', 'supply-marketing', 'federation', 'association', 'government')),
    status TEXT NOT NULL CHECK (status IN ('preparatory', 'active', 'under-rectification', 'merged', 'dissolved')),
    note TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, sequence)
);

CREATE TRIGGER org_events_append_only BEFORE UPDATE OR DELETE ON org_events
    FOR EACH ROW EXECUTE FUNCTION artel_refuse_change();

-- Organisations that existed before their history was kept start it on their founding
-- date, or on the day they were recorded.
INSERT INTO org_events (org_id, sequence, date, event, kind, status, note, recorded_at)
SELECT org_id, 1, COALESCE(founded, CAST(created_at AS DATE)), 'founded', kind, status, '', created_at
FROM organisations;

CREATE TABLE org_memberships (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    parent_org_id UUID NOT NULL REFERENCES organisations (org_id),
    since DATE NOT NULL,
    until DATE,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, parent_org_id, since),
    CHECK (until IS NULL OR until >= since),
    CHECK (parent_org_id <> org_id)
);

INSERT INTO org_memberships (org_id, parent_org_id, since, until, recorded_at)
SELECT org_id, parent_org_id, COALESCE(founded, CAST(created_at AS DATE)), NULL, created_at
FROM organisations WHERE parent_org_id IS NOT NULL;

CREATE TABLE org_bodies (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    body_id UUID NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('trade-union', 'youth-league', 'party-branch', 'women-committee')),
    name TEXT NOT NULL CHECK (name <> ''),
    founded DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, body_id),
    UNIQUE (org_id, name)
);

CREATE TABLE member_affiliations (
    org_id UUID NOT NULL,
    body_id UUID NOT NULL,
    member_id UUID NOT NULL,
    since DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, body_id, member_id),
    FOREIGN KEY (org_id, body_id) REFERENCES org_bodies (org_id, body_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);
