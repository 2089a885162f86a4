-- A contract's items (its lines and delivery schedule); the part of an invoice settled from
-- the buyer's advances; and receivables written off by a recorded decision.
CREATE TABLE contract_items (
    org_id UUID NOT NULL,
    contract_id UUID NOT NULL,
    position BIGINT NOT NULL CHECK (position > 0),
    product TEXT NOT NULL CHECK (product <> ''),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    price_minor BIGINT NOT NULL CHECK (price_minor > 0),
    deliver_by DATE,
    PRIMARY KEY (org_id, contract_id, position),
    FOREIGN KEY (org_id, contract_id) REFERENCES contracts (org_id, contract_id)
);

ALTER TABLE invoices ADD COLUMN advance_minor BIGINT NOT NULL DEFAULT 0,
    ADD CONSTRAINT invoices_advance_within CHECK (advance_minor >= 0 AND advance_minor <= amount_minor);
CREATE INDEX invoices_by_contract ON invoices (org_id, contract_id);
CREATE INDEX payments_by_counterparty ON payments (org_id, counterparty_id);

CREATE TABLE write_offs (
    org_id UUID NOT NULL,
    invoice_id UUID NOT NULL,
    date DATE NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    motion_id UUID NOT NULL,
    sequence BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, invoice_id),
    UNIQUE (org_id, sequence),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, invoice_id),
    FOREIGN KEY (org_id, motion_id) REFERENCES motions (org_id, motion_id)
);
