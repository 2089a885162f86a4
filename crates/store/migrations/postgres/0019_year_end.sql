-- The year's end: labour records per member and month (the labour dividend's basis), the
-- closings of years (numbered per year) with the entries that closed them, if any and, when a recorded decision
-- reopened one, the entry that reversed the closing; the distributions of the surplus, one
-- per year, each adopted by one motion and posted by one entry, and each member's dividends.
CREATE TABLE labour_records (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    member_id UUID NOT NULL,
    month TEXT NOT NULL CHECK (length(month) = 7),
    days_tenths BIGINT NOT NULL CHECK (days_tenths >= 0),
    pieces BIGINT NOT NULL CHECK (pieces >= 0),
    wages_minor BIGINT NOT NULL CHECK (wages_minor >= 0),
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, member_id, month),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);

CREATE TABLE year_closings (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    year BIGINT NOT NULL,
    number BIGINT NOT NULL CHECK (number > 0),
    sequence BIGINT,
    surplus_minor BIGINT NOT NULL,
    closed_at TIMESTAMPTZ NOT NULL,
    reopen_sequence BIGINT,
    reopen_motion BIGINT,
    reopened_at TIMESTAMPTZ,
    PRIMARY KEY (org_id, year, number),
    UNIQUE (org_id, sequence),
    UNIQUE (org_id, reopen_sequence)
);

CREATE TABLE distributions (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    year BIGINT NOT NULL,
    motion BIGINT NOT NULL,
    sequence BIGINT NOT NULL,
    distributed_on DATE NOT NULL,
    surplus_minor BIGINT NOT NULL,
    loss_covered_minor BIGINT NOT NULL,
    distributable_minor BIGINT NOT NULL,
    accumulation_minor BIGINT NOT NULL,
    welfare_minor BIGINT NOT NULL,
    levies_minor BIGINT NOT NULL,
    labour_minor BIGINT NOT NULL,
    share_minor BIGINT NOT NULL,
    share_cap_minor BIGINT NOT NULL,
    cap_excess_minor BIGINT NOT NULL,
    draw_reserve TEXT CHECK (draw_reserve IN ('accumulation-fund', 'welfare-fund')),
    draw_minor BIGINT NOT NULL,
    loss_charged_minor BIGINT NOT NULL,
    loss_carried_minor BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, year),
    UNIQUE (org_id, motion),
    UNIQUE (org_id, sequence)
);

CREATE TABLE dividends (
    org_id UUID NOT NULL,
    year BIGINT NOT NULL,
    member_id UUID NOT NULL,
    labour_minor BIGINT NOT NULL CHECK (labour_minor >= 0),
    share_minor BIGINT NOT NULL CHECK (share_minor >= 0),
    PRIMARY KEY (org_id, year, member_id),
    FOREIGN KEY (org_id, year) REFERENCES distributions (org_id, year),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id)
);
