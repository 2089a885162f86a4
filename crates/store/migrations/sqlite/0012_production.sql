-- What an organisation makes: its products (a standard price in minor units values the good
-- pieces), the production reports of each day, and the monthly plans per product.
CREATE TABLE products (
    org_id BLOB NOT NULL REFERENCES organisations (org_id),
    product_id BLOB NOT NULL,
    name TEXT NOT NULL CHECK (name <> ''),
    unit TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    standard_price_minor INTEGER NOT NULL CHECK (standard_price_minor >= 0),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, product_id),
    UNIQUE (org_id, name)
);

CREATE TABLE production_reports (
    org_id BLOB NOT NULL,
    report_id BLOB NOT NULL,
    date TEXT NOT NULL,
    product_id BLOB NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    defective INTEGER NOT NULL CHECK (defective >= 0 AND defective <= quantity),
    first_grade INTEGER CHECK (first_grade >= 0 AND first_grade <= quantity - defective),
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, report_id),
    FOREIGN KEY (org_id, product_id) REFERENCES products (org_id, product_id)
);
CREATE INDEX production_reports_by_date ON production_reports (org_id, date);

CREATE TABLE production_plans (
    org_id BLOB NOT NULL,
    month TEXT NOT NULL CHECK (length(month) = 7),
    product_id BLOB NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    value_minor INTEGER NOT NULL CHECK (value_minor >= 0),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, month, product_id),
    FOREIGN KEY (org_id, product_id) REFERENCES products (org_id, product_id)
);
