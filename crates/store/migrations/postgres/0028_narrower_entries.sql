-- Narrower entries, for the speed of imports and posts: the time of writing each row is
-- dropped (the audit trail dates every post and import), the constraint that only kept
-- entry ids unique is dropped (they are UUIDv7 made by the posting path, and never looked
-- up), and "reversed at most once" indexes the reversing entries alone instead of every
-- entry.
ALTER TABLE entries DROP CONSTRAINT entries_org_id_entry_id_key;
ALTER TABLE entries DROP COLUMN created_at;
DROP INDEX entries_reversed_once;
CREATE UNIQUE INDEX entries_reversed_once ON entries (org_id, reverses)
    WHERE reverses IS NOT NULL;
