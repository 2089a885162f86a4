-- A region's statistics (`region_sums`) sum each organisation's production, plans, invoices
-- and contracts of a period. These indexes carry the columns the sums read, so that each sum
-- is an index-only scan.
DROP INDEX production_reports_by_date;
CREATE INDEX production_reports_by_date
    ON production_reports (org_id, date) INCLUDE (product_id, quantity, defective, first_grade);
CREATE INDEX production_plans_by_month ON production_plans (org_id, month) INCLUDE (value_minor);
DROP INDEX invoices_by_date;
CREATE INDEX invoices_by_date ON invoices (org_id, date) INCLUDE (counterparty_id, terms, amount_minor);
DROP INDEX contracts_by_signed;
CREATE INDEX contracts_by_signed ON contracts (org_id, signed) INCLUDE (counterparty_id, kind, value_minor);
