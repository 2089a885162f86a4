-- A member may take back a request to withdraw before it is settled: the event
-- 'retract-withdrawal' joins the events a member's history may hold.
ALTER TABLE member_events DROP CONSTRAINT member_events_event_check;
ALTER TABLE member_events ADD CONSTRAINT member_events_event_check
    CHECK (event IN ('apply', 'admit', 'refuse', 'suspend', 'reinstate', 'request-withdrawal', 'retract-withdrawal', 'settle-withdrawal', 'expel', 'die', 'pay-shares'));
