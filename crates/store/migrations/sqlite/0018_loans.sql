-- Loans from a bank, the federation or another lender: each loan's terms, numbered per
-- organisation and linked to the entry that posted its drawdown, and its repayments, one
-- per instalment at most (the primary key refuses an instalment paid twice), each linked
-- to the entry that posted it.
CREATE TABLE loans (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    loan_id BLOB NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    lender TEXT NOT NULL CHECK (lender <> ''),
    lender_kind TEXT NOT NULL CHECK (lender_kind IN ('bank', 'federation', 'other')),
    principal_minor INTEGER NOT NULL CHECK (principal_minor > 0),
    rate_bp INTEGER NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 10000),
    drawn TEXT NOT NULL,
    instalments INTEGER NOT NULL CHECK (instalments > 0),
    months INTEGER NOT NULL CHECK (months IN (1, 3, 6, 12)),
    sequence INTEGER NOT NULL,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, loan_id),
    UNIQUE (org_id, number),
    UNIQUE (org_id, sequence)
);

CREATE TABLE loan_repayments (
    org_id BLOB NOT NULL,
    loan_id BLOB NOT NULL,
    instalment INTEGER NOT NULL CHECK (instalment > 0),
    date TEXT NOT NULL,
    principal_minor INTEGER NOT NULL CHECK (principal_minor > 0),
    interest_minor INTEGER NOT NULL CHECK (interest_minor >= 0),
    sequence INTEGER NOT NULL,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, loan_id, instalment),
    UNIQUE (org_id, sequence),
    FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, loan_id)
);
