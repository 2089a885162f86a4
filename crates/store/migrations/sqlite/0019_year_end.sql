-- The year's end: labour records per member and month (the labour dividend's basis), the
-- closings of years (numbered per year) with the entries that closed them, if any and, when a recorded decision
-- reopened one, the entry that reversed the closing; the distributions of the surplus, one
-- per year, each adopted by one motion and posted by one entry, and each member's dividends.
CREATE TABLE labour_records (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    member_id BLOB NOT NULL,
    month TEXT NOT NULL CHECK (length(month) = 7),
    days_tenths INTEGER NOT NULL CHECK (days_tenths >= 0),
    pieces INTEGER NOT NULL CHECK (pieces >= 0),
    wages_minor INTEGER NOT NULL CHECK (wages_minor >= 0),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (org_id, member_id, month),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);

CREATE TABLE year_closings (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    sequence INTEGER,
    surplus_minor INTEGER NOT NULL,
    closed_at TEXT NOT NULL,
    reopen_sequence INTEGER,
    reopen_motion INTEGER,
    reopened_at TEXT,
    PRIMARY KEY (org_id, year, number),
    UNIQUE (org_id, sequence),
    UNIQUE (org_id, reopen_sequence)
);

CREATE TABLE distributions (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    year INTEGER NOT NULL,
    motion INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    distributed_on TEXT NOT NULL,
    surplus_minor INTEGER NOT NULL,
    loss_covered_minor INTEGER NOT NULL,
    distributable_minor INTEGER NOT NULL,
    accumulation_minor INTEGER NOT NULL,
    welfare_minor INTEGER NOT NULL,
    levies_minor INTEGER NOT NULL,
    labour_minor INTEGER NOT NULL,
    share_minor INTEGER NOT NULL,
    share_cap_minor INTEGER NOT NULL,
    cap_excess_minor INTEGER NOT NULL,
    draw_reserve TEXT CHECK (draw_reserve IN ('accumulation-fund', 'welfare-fund')),
    draw_minor INTEGER NOT NULL,
    loss_charged_minor INTEGER NOT NULL,
    loss_carried_minor INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, year),
    UNIQUE (org_id, motion),
    UNIQUE (org_id, sequence)
);

CREATE TABLE dividends (
    org_id BLOB NOT NULL,
    year INTEGER NOT NULL,
    member_id BLOB NOT NULL,
    labour_minor INTEGER NOT NULL CHECK (labour_minor >= 0),
    share_minor INTEGER NOT NULL CHECK (share_minor >= 0),
    PRIMARY KEY (org_id, year, member_id),
    FOREIGN KEY (org_id, year) REFERENCES distributions (org_id, year),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);
