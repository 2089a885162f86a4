-- An API token may expire: after `expires_at` it authenticates nothing. Tokens made before
-- this migration have none and never expire until revoked.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
