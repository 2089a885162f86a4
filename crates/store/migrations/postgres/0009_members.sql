-- The members of an organisation, numbered in its register from 1, and every movement of
-- their paid-in share capital, each posted to the books by the entry it names.
CREATE TABLE members (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    member_id UUID NOT NULL,
    number BIGINT NOT NULL CHECK (number > 0),
    name TEXT NOT NULL CHECK (name <> ''),
    trade TEXT NOT NULL,
    joined DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applicant', 'member', 'suspended', 'withdrawing', 'withdrawn', 'expelled', 'deceased', 'refused')),
    shares_subscribed BIGINT NOT NULL CHECK (shares_subscribed >= 0),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, member_id),
    UNIQUE (org_id, number)
);

CREATE TABLE share_movements (
    org_id UUID NOT NULL,
    member_id UUID NOT NULL,
    sequence BIGINT NOT NULL,
    date DATE NOT NULL,
    shares BIGINT NOT NULL CHECK (shares <> 0),
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (org_id, member_id, sequence),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, member_id),
    FOREIGN KEY (org_id, sequence) REFERENCES entries (org_id, sequence)
);
