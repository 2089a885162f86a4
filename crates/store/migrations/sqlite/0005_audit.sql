-- The audit trail records from which address a change came and what it changed from and
-- to; security events (sign-ins, failed sign-ins, refused accesses) are kept apart from any
-- one organisation's data.

ALTER TABLE audit_events ADD COLUMN address TEXT;
ALTER TABLE audit_events ADD COLUMN before_state TEXT;
ALTER TABLE audit_events ADD COLUMN after_state TEXT;

CREATE TABLE security_events (
    event_id BLOB PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    address TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
BEGIN SELECT RAISE(ABORT, 'security events are never changed'); END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN SELECT RAISE(ABORT, 'security events are never deleted'); END;
