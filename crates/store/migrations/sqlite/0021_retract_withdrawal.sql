-- A member may take back a request to withdraw before it is settled: the event
-- 'retract-withdrawal' joins the events a member's history may hold. SQLite cannot change a
-- CHECK in place, so the table is rebuilt with its rows, index and triggers as they were.
DROP TRIGGER member_events_no_update;
DROP TRIGGER member_events_no_delete;

CREATE TABLE member_events_new (
    org_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    position INTEGER NOT NULL CHECK (position > 0),
    date TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('apply', 'admit', 'refuse', 'suspend', 'reinstate', 'request-withdrawal', 'retract-withdrawal', 'settle-withdrawal', 'expel', 'die', 'pay-shares')),
    note TEXT NOT NULL,
    motion_id BLOB,
    sequence INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, member_id, position),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id),
    FOREIGN KEY (org_id, motion_id) REFERENCES motions (org_id, motion_id),
    FOREIGN KEY (org_id, sequence) REFERENCES entries (org_id, sequence)
);
INSERT INTO member_events_new (org_id, member_id, position, date, event, note, motion_id, sequence, created_at)
SELECT org_id, member_id, position, date, event, note, motion_id, sequence, created_at FROM member_events;
DROP TABLE member_events;
ALTER TABLE member_events_new RENAME TO member_events;
CREATE INDEX member_events_by_date ON member_events (org_id, date);

CREATE TRIGGER member_events_no_update BEFORE UPDATE ON member_events
BEGIN SELECT RAISE(ABORT, 'member events are never changed'); END;
CREATE TRIGGER member_events_no_delete BEFORE DELETE ON member_events
BEGIN SELECT RAISE(ABORT, 'member events are never deleted'); END;
