-- Each security event names the region it concerns: a refused access the region of the
-- organisation, region or campaign refused; a sign-in the smallest region holding every
-- grant of the user signing in. Administrators read only the events within their regions;
-- an event without a region (an unknown name, an organisation with no region, an event
-- recorded before this migration) is for the operator alone.
ALTER TABLE security_events ADD COLUMN region_path TEXT;
CREATE INDEX security_events_by_region ON security_events (region_path, event_id);
