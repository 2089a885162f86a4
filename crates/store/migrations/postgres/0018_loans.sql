-- Loans from a bank, the federation or another lender: each loan's terms, numbered per
-- organisation and linked to the entry that posted its drawdown, and its repayments, one
-- per instalment at most (the primary key refuses an instalment paid twice), each linked
-- to the entry that posted it.
CREATE TABLE loans (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    loan_id UUID NOT NULL,
    number BIGINT NOT NULL CHECK (number > 0),
    lender TEXT NOT NULL CHECK (lender <> ''),
    lender_kind TEXT NOT NULL CHECK (lender_kind IN ('bank', 'federation', 'other')),
    principal_minor BIGINT NOT NULL CHECK (principal_minor > 0),
    rate_bp BIGINT NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 10000),
    drawn DATE NOT NULL,
    instalments BIGINT NOT NULL CHECK (instalments > 0),
    months BIGINT NOT NULL CHECK (months IN (1, 3, 6, 12)),
    sequence BIGINT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, loan_id),
    UNIQUE (org_id, number),
    UNIQUE (org_id, sequence)
);

CREATE TABLE loan_repayments (
    org_id UUID NOT NULL,
    loan_id UUID NOT NULL,
    instalment BIGINT NOT NULL CHECK (instalment > 0),
    date DATE NOT NULL,
    principal_minor BIGINT NOT NULL CHECK (principal_minor > 0),
    interest_minor BIGINT NOT NULL CHECK (interest_minor >= 0),
    sequence BIGINT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, loan_id, instalment),
    UNIQUE (org_id, sequence),
    FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, loan_id)
);
