-- Payments from buyers: each written with the entry that posts it, applied to invoices
-- (`payment_allocations`); what was left over is an advance from the buyer.
CREATE TABLE payments (
    org_id UUID NOT NULL,
    payment_id UUID NOT NULL,
    date DATE NOT NULL,
    counterparty_id UUID NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    advance_minor BIGINT NOT NULL CHECK (advance_minor >= 0 AND advance_minor <= amount_minor),
    sequence BIGINT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, payment_id),
    UNIQUE (org_id, sequence),
    FOREIGN KEY (org_id, counterparty_id) REFERENCES counterparties (org_id, counterparty_id)
);

CREATE TABLE payment_allocations (
    org_id UUID NOT NULL,
    payment_id UUID NOT NULL,
    invoice_id UUID NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (org_id, payment_id, invoice_id),
    FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, payment_id),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, invoice_id)
);
CREATE INDEX payment_allocations_by_invoice ON payment_allocations (org_id, invoice_id);
