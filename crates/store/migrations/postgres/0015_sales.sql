-- Whom an organisation sells to and buys from, its contracts, and its invoiced sales, each
-- invoice linked to the entry that posted it (cash, or a receivable due on `due`).
CREATE TABLE counterparties (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    counterparty_id UUID NOT NULL,
    name TEXT NOT NULL CHECK (name <> ''),
    counterparty_type TEXT NOT NULL CHECK (counterparty_type IN
        ('supply-marketing', 'state-commerce', 'private-merchant', 'cooperative', 'individual')),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, counterparty_id),
    UNIQUE (org_id, name)
);

CREATE TABLE contracts (
    org_id UUID NOT NULL,
    contract_id UUID NOT NULL,
    number TEXT NOT NULL CHECK (number <> ''),
    counterparty_id UUID NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sales', 'purchase', 'combined')),
    signed DATE NOT NULL,
    value_minor BIGINT NOT NULL CHECK (value_minor > 0),
    credit_days BIGINT CHECK (credit_days >= 0),
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, contract_id),
    UNIQUE (org_id, number),
    FOREIGN KEY (org_id, counterparty_id) REFERENCES counterparties (org_id, counterparty_id)
);
CREATE INDEX contracts_by_signed ON contracts (org_id, signed);

CREATE TABLE invoices (
    org_id UUID NOT NULL,
    invoice_id UUID NOT NULL,
    date DATE NOT NULL,
    counterparty_id UUID NOT NULL,
    product TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    terms TEXT NOT NULL,
    due DATE NOT NULL,
    contract_id UUID,
    sequence BIGINT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, invoice_id),
    UNIQUE (org_id, sequence),
    FOREIGN KEY (org_id, counterparty_id) REFERENCES counterparties (org_id, counterparty_id),
    FOREIGN KEY (org_id, contract_id) REFERENCES contracts (org_id, contract_id)
);
CREATE INDEX invoices_by_date ON invoices (org_id, date);
