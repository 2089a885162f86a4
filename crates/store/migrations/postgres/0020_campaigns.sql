-- Rectification campaigns and exhibitions. A campaign belongs to the organisation that
-- runs it (a government office or a federation): its terms over a region, the phases it
-- went through, its focus cooperatives, each one's stages, the findings by category and
-- their corrective actions. Its code is unique everywhere, kept in the reference table
-- campaign_codes. An exhibition or material exchange meeting belongs to its organiser,
-- with the organisations taking part, the products shown and the contracts signed there
-- (named by their holder and number; their values are read from the holders' contracts).
CREATE TABLE campaign_codes (
    code TEXT NOT NULL PRIMARY KEY,
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    campaign_id UUID NOT NULL
);

CREATE TABLE campaigns (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    campaign_id UUID NOT NULL,
    code TEXT NOT NULL CHECK (code <> ''),
    region_id UUID NOT NULL REFERENCES regions (region_id),
    title TEXT NOT NULL CHECK (title <> ''),
    start_on DATE NOT NULL,
    deadline DATE NOT NULL CHECK (deadline >= start_on),
    goals TEXT NOT NULL,
    meeting_number BIGINT,
    baseline TEXT NOT NULL,
    follow_up TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, campaign_id),
    UNIQUE (org_id, code),
    FOREIGN KEY (org_id, meeting_number) REFERENCES meetings (org_id, number)
);

CREATE TABLE campaign_phases (
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('pilot', 'summing-up', 'extension')),
    since DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, campaign_id, phase),
    FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, campaign_id)
);

CREATE TABLE campaign_focus (
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    focus_org_id UUID NOT NULL REFERENCES organisations (org_id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, campaign_id, focus_org_id),
    FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, campaign_id)
);

CREATE TABLE campaign_stages (
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    focus_org_id UUID NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('mobilisation', 'explaining-policy', 'democratic-review', 'inspection-of-work', 'establishing-systems', 'solving-problems')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'in-progress', 'done')),
    started DATE,
    finished DATE CHECK (finished IS NULL OR finished >= started),
    notes TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, campaign_id, focus_org_id, stage),
    FOREIGN KEY (org_id, campaign_id, focus_org_id) REFERENCES campaign_focus (org_id, campaign_id, focus_org_id)
);

CREATE TABLE campaign_findings (
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    number BIGINT NOT NULL CHECK (number > 0),
    focus_org_id UUID NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('management', 'finance-accounting', 'quality', 'sales-credit', 'membership', 'other')),
    text TEXT NOT NULL CHECK (text <> ''),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, campaign_id, number),
    FOREIGN KEY (org_id, campaign_id, focus_org_id) REFERENCES campaign_focus (org_id, campaign_id, focus_org_id)
);

CREATE TABLE campaign_actions (
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    number BIGINT NOT NULL CHECK (number > 0),
    finding_number BIGINT NOT NULL,
    owner TEXT NOT NULL CHECK (owner <> ''),
    due DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'done')),
    done_on DATE CHECK ((status = 'done') = (done_on IS NOT NULL)),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, campaign_id, number),
    FOREIGN KEY (org_id, campaign_id, finding_number) REFERENCES campaign_findings (org_id, campaign_id, number)
);

CREATE TABLE exhibitions (
    org_id UUID NOT NULL REFERENCES organisations (org_id),
    exhibition_id UUID NOT NULL,
    number BIGINT NOT NULL CHECK (number > 0),
    kind TEXT NOT NULL CHECK (kind IN ('exhibition', 'exchange-meeting')),
    title TEXT NOT NULL CHECK (title <> ''),
    place TEXT NOT NULL CHECK (place <> ''),
    region_id UUID REFERENCES regions (region_id),
    first_day DATE NOT NULL,
    last_day DATE NOT NULL CHECK (last_day >= first_day),
    visitors BIGINT NOT NULL CHECK (visitors >= 0),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, exhibition_id),
    UNIQUE (org_id, number)
);

CREATE TABLE exhibition_participants (
    org_id UUID NOT NULL,
    exhibition_id UUID NOT NULL,
    participant_org_id UUID NOT NULL REFERENCES organisations (org_id),
    PRIMARY KEY (org_id, exhibition_id, participant_org_id),
    FOREIGN KEY (org_id, exhibition_id) REFERENCES exhibitions (org_id, exhibition_id)
);

CREATE TABLE exhibition_products (
    org_id UUID NOT NULL,
    exhibition_id UUID NOT NULL,
    line BIGINT NOT NULL CHECK (line > 0),
    shown_by_org_id UUID NOT NULL REFERENCES organisations (org_id),
    product TEXT NOT NULL CHECK (product <> ''),
    PRIMARY KEY (org_id, exhibition_id, line),
    FOREIGN KEY (org_id, exhibition_id) REFERENCES exhibitions (org_id, exhibition_id)
);

CREATE TABLE exhibition_contracts (
    org_id UUID NOT NULL,
    exhibition_id UUID NOT NULL,
    holder_org_id UUID NOT NULL REFERENCES organisations (org_id),
    number TEXT NOT NULL CHECK (number <> ''),
    PRIMARY KEY (org_id, exhibition_id, holder_org_id, number),
    FOREIGN KEY (org_id, exhibition_id) REFERENCES exhibitions (org_id, exhibition_id)
);
