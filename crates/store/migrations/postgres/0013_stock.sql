-- Stock of materials and products: the items, what is on hand per item and owner (an empty
-- owner is the organisation's own stock, valued at cost; a buyer's supplied materials are
-- counted under the buyer's name and never valued), and every movement, linked to the entry
-- that posted it.
CREATE TABLE stock_items (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    item_id UUID NOT NULL,
    name TEXT NOT NULL CHECK (name <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('material', 'product')),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, item_id),
    UNIQUE (org_id, name)
);

CREATE TABLE stock_on_hand (
    org_id UUID NOT NULL,
    item_id UUID NOT NULL,
    owner TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity >= 0),
    value_minor BIGINT NOT NULL CHECK (value_minor >= 0 AND (owner = '' OR value_minor = 0)),
    PRIMARY KEY (org_id, item_id, owner),
    FOREIGN KEY (org_id, item_id) REFERENCES stock_items (org_id, item_id)
);

CREATE TABLE stock_movements (
    org_id UUID NOT NULL,
    movement_id UUID NOT NULL,
    date DATE NOT NULL,
    item_id UUID NOT NULL,
    owner TEXT NOT NULL,
    kind TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    value_minor BIGINT NOT NULL,
    sequence BIGINT,
    note TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, movement_id),
    FOREIGN KEY (org_id, item_id) REFERENCES stock_items (org_id, item_id)
);
CREATE INDEX stock_movements_by_date ON stock_movements (org_id, date);
