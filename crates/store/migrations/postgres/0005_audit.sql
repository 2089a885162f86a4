-- The audit trail records from which address a change came and what it changed from and
-- to; security events (sign-ins, failed sign-ins, refused accesses) are kept apart from any
-- one organisation's data.

ALTER TABLE audit_events ADD COLUMN address TEXT;
ALTER TABLE audit_events ADD COLUMN before_state TEXT;
ALTER TABLE audit_events ADD COLUMN after_state TEXT;

CREATE TABLE security_events (
    event_id UUID PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    address TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events
    FOR EACH ROW EXECUTE FUNCTION artel_refuse_change();
