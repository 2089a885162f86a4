-- A region's statistics (`region_sums`) read each organisation's production-cost accounts
-- from this index alone, then seek their monthly balances by key.
CREATE INDEX accounts_by_production_cost ON accounts (org_id, production_cost, account_id);
