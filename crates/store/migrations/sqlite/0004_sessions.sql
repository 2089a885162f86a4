-- Sign-in: browser sessions, login throttling and one-time codes. Like users, these live
-- apart from any one organisation's data (Citus reference or local tables): no org_id.
--
-- Times in these tables are whole seconds, so that SQLite's text timestamps compare in SQL
-- as the times they are.

-- A session is a random 256-bit token held in a `__Host-` cookie; only its SHA-256 is
-- kept. It ends at sign-out, when ended by its user or an administrator, when its user is
-- disabled, after a spell without use (idle) or at `expires_at` (absolute), whichever comes
-- first. Ended sessions stay, as a record of who signed in from where.
CREATE TABLE sessions (
    session_id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (user_id),
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT,
    ended_reason TEXT,
    address TEXT NOT NULL,
    last_address TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins, counted per (account name, client address) pair, per account name
-- (address '') and per address (account ''). A count whose last failure is older than the
-- throttling window no longer counts. The rule that reads them is in artel-app's sign_in.
CREATE TABLE login_failures (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    failures INTEGER NOT NULL CHECK (failures > 0),
    last_failure_at TEXT NOT NULL,
    PRIMARY KEY (account, address),
    CHECK (account <> '' OR address <> '')
);

-- A user's TOTP secret (base32), and the last time step a code was accepted for, so that
-- no code is accepted twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
