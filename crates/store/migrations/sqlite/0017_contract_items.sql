-- A contract's items (its lines and delivery schedule); the part of an invoice settled from
-- the buyer's advances; and receivables written off by a recorded decision.
CREATE TABLE contract_items (
    org_id BLOB NOT NULL,
    contract_id BLOB NOT NULL,
    position INTEGER NOT NULL CHECK (position > 0),
    product TEXT NOT NULL CHECK (product <> ''),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    price_minor INTEGER NOT NULL CHECK (price_minor > 0),
    deliver_by TEXT,
    PRIMARY KEY (org_id, contract_id, position),
    FOREIGN KEY (org_id, contract_id) REFERENCES contracts (org_id, contract_id)
);

ALTER TABLE invoices ADD COLUMN advance_minor INTEGER NOT NULL DEFAULT 0
    CHECK (advance_minor >= 0 AND advance_minor <= amount_minor);
CREATE INDEX invoices_by_contract ON invoices (org_id, contract_id);
CREATE INDEX payments_by_counterparty ON payments (org_id, counterparty_id);

CREATE TABLE write_offs (
    org_id BLOB NOT NULL,
    invoice_id BLOB NOT NULL,
    date TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    motion_id BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, invoice_id),
    UNIQUE (org_id, sequence),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, invoice_id),
    FOREIGN KEY (org_id, motion_id) REFERENCES motions (org_id, motion_id)
);
