-- Democratic decisions and the members' history. A meeting of one of an organisation's
-- bodies, the motions put to it with their counted votes and outcome (an adopted motion is
-- a resolution), the charters the organisation adopted with the date each took effect, and
-- every event of each member's path through the cooperative, linked to the resolution
-- that decided it and the entry that posted it, where there is one.
CREATE TABLE meetings (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    meeting_id BLOB NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    body TEXT NOT NULL CHECK (body IN ('general-assembly', 'management-committee', 'supervisory-committee', 'conference')),
    held_on TEXT NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    eligible INTEGER NOT NULL CHECK (eligible >= 0),
    present INTEGER NOT NULL CHECK (present >= 0 AND present <= eligible),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, meeting_id),
    UNIQUE (org_id, number)
);

CREATE TABLE motions (
    org_id BLOB NOT NULL,
    motion_id BLOB NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    meeting_id BLOB NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL CHECK (text <> ''),
    ballot TEXT NOT NULL CHECK (ballot IN ('open', 'secret')),
    member_id BLOB,
    yes INTEGER NOT NULL CHECK (yes >= 0),
    no INTEGER NOT NULL CHECK (no >= 0),
    abstain INTEGER NOT NULL CHECK (abstain >= 0),
    outcome TEXT NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'no-quorum')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, motion_id),
    UNIQUE (org_id, number),
    FOREIGN KEY (org_id, meeting_id) REFERENCES meetings (org_id, meeting_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);

CREATE TABLE charters (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    effective TEXT NOT NULL,
    charter TEXT NOT NULL,
    motion_id BLOB,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, effective),
    FOREIGN KEY (org_id, motion_id) REFERENCES motions (org_id, motion_id)
);

-- The members an election put on a committee, for a term: from the meeting's day until the
-- day the term ends (a later election of the same committee ends it sooner).
CREATE TABLE committee_seats (
    org_id BLOB NOT NULL,
    motion_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    body TEXT NOT NULL CHECK (body IN ('management-committee', 'supervisory-committee')),
    seated_on TEXT NOT NULL,
    ends_on TEXT NOT NULL CHECK (ends_on > seated_on),
    PRIMARY KEY (org_id, motion_id, member_id),
    FOREIGN KEY (org_id, motion_id) REFERENCES motions (org_id, motion_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);

CREATE TABLE member_events (
    org_id BLOB NOT NULL,
    member_id BLOB NOT NULL,
    position INTEGER NOT NULL CHECK (position > 0),
    date TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('apply', 'admit', 'refuse', 'suspend', 'reinstate', 'request-withdrawal', 'settle-withdrawal', 'expel', 'die', 'pay-shares')),
    note TEXT NOT NULL,
    motion_id BLOB,
    sequence INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, member_id, position),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id),
    FOREIGN KEY (org_id, motion_id) REFERENCES motions (org_id, motion_id),
    FOREIGN KEY (org_id, sequence) REFERENCES entries (org_id, sequence)
);
CREATE INDEX member_events_by_date ON member_events (org_id, date);

-- A member's shares as they applied: paid when the admission is decided.
ALTER TABLE members ADD COLUMN shares_on_admission INTEGER NOT NULL DEFAULT 0 CHECK (shares_on_admission >= 0);

-- The user a member signs in as, to see their own capital and history.
ALTER TABLE members ADD COLUMN user_id BLOB REFERENCES users (user_id);
CREATE UNIQUE INDEX members_by_user ON members (org_id, user_id);

-- The members recorded before this history began were admitted when they joined.
INSERT INTO member_events (org_id, member_id, position, date, event, note, motion_id, sequence, created_at)
SELECT org_id, member_id, 1, joined, 'admit', '', NULL, NULL, created_at FROM members;

CREATE TRIGGER member_events_no_update BEFORE UPDATE ON member_events
BEGIN SELECT RAISE(ABORT, 'member events are never changed'); END;
CREATE TRIGGER member_events_no_delete BEFORE DELETE ON member_events
BEGIN SELECT RAISE(ABORT, 'member events are never deleted'); END;
