-- A region's statistics count each organisation's admissions and departures up to a day
-- (`region_sums`): read from this index alone, without the events' rows.
CREATE INDEX member_events_by_event ON member_events (org_id, event, date);
