-- An entry is reversed at most once: a second reversal would undo it twice.
CREATE UNIQUE INDEX entries_reversed_once ON entries (org_id, reverses);
