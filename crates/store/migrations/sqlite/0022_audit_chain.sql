-- The audit trail is a hash chain per organisation, as the books are: each event gets the
-- organisation's next sequence number and the hash SHA-256(previous event's hash ‖ its
-- canonical bytes) (artel_ledger::audit_chain), and `audit_heads` holds each chain's last
-- sequence and hash, moved in the same transaction as the events. SQL cannot hash, so the
-- events recorded before this migration are chained by Artel when it next opens the
-- database (in order of `at`, then `event_id`), once per organisation listed in
-- `audit_chain_backfill`; the row is removed in the same transaction.
ALTER TABLE audit_events ADD COLUMN sequence INTEGER CHECK (sequence > 0);
ALTER TABLE audit_events ADD COLUMN hash BLOB CHECK (length(hash) = 32);
CREATE UNIQUE INDEX audit_events_by_sequence ON audit_events (org_id, sequence);

CREATE TABLE audit_heads (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (org_id)
);
INSERT INTO audit_heads (org_id, sequence, hash) SELECT org_id, 0, zeroblob(32) FROM organisations;

CREATE TABLE audit_chain_backfill (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    PRIMARY KEY (org_id)
);
INSERT INTO audit_chain_backfill (org_id) SELECT DISTINCT org_id FROM audit_events;

-- An event is still never changed; the one update allowed gives an event recorded before
-- the chain existed its place in the chain, once, and touches nothing else.
DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN OLD.sequence IS NOT NULL OR OLD.hash IS NOT NULL OR NEW.sequence IS NULL OR NEW.hash IS NULL
    OR NEW.org_id IS NOT OLD.org_id OR NEW.event_id IS NOT OLD.event_id OR NEW.at IS NOT OLD.at
    OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action OR NEW.detail IS NOT OLD.detail
    OR NEW.address IS NOT OLD.address OR NEW.before_state IS NOT OLD.before_state
    OR NEW.after_state IS NOT OLD.after_state
BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
