-- The audit trail is a hash chain per organisation, as the books are: each event gets the
-- organisation's next sequence number and the hash SHA-256(previous event's hash ‖ its
-- canonical bytes) (artel_ledger::audit_chain), and `audit_heads` holds each chain's last
-- sequence and hash, moved in the same transaction as the events. The events recorded
-- before this migration are chained by Artel when it next opens the database (in order of
-- `at`, then `event_id`), once per organisation listed in `audit_chain_backfill`; the row
-- is removed in the same transaction.
ALTER TABLE audit_events ADD COLUMN sequence BIGINT CHECK (sequence > 0);
ALTER TABLE audit_events ADD COLUMN hash BYTEA CHECK (length(hash) = 32);
CREATE UNIQUE INDEX audit_events_by_sequence ON audit_events (org_id, sequence);

CREATE TABLE audit_heads (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    sequence BIGINT NOT NULL CHECK (sequence >= 0),
    hash BYTEA NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (org_id)
);
INSERT INTO audit_heads (org_id, sequence, hash)
SELECT org_id, 0, decode(repeat('00', 32), 'hex') FROM organisations;

CREATE TABLE audit_chain_backfill (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    PRIMARY KEY (org_id)
);
INSERT INTO audit_chain_backfill (org_id) SELECT DISTINCT org_id FROM audit_events;

-- An event is still never changed; the one update allowed gives an event recorded before
-- the chain existed its place in the chain, once, and touches nothing else.
CREATE FUNCTION artel_audit_link_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL AND OLD.hash IS NULL
        AND NEW.sequence IS NOT NULL AND NEW.hash IS NOT NULL
        AND (NEW.org_id, NEW.event_id, NEW.at, NEW.actor, NEW.action, NEW.detail,
             NEW.address, NEW.before_state, NEW.after_state)
            IS NOT DISTINCT FROM
            (OLD.org_id, OLD.event_id, OLD.at, OLD.actor, OLD.action, OLD.detail,
             OLD.address, OLD.before_state, OLD.after_state) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'posted history is never changed or deleted (table %)', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION artel_audit_link_once();
