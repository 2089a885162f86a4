-- Who made a report's pieces (a member's number or a team's name, empty when not said) and
-- the materials it used, as written (`yarn=45; cotton=150@Shashi SMC`); their issues from
-- stock are movements of their own, with the report's source.
ALTER TABLE production_reports ADD COLUMN made_by TEXT NOT NULL DEFAULT '';
ALTER TABLE production_reports ADD COLUMN materials TEXT NOT NULL DEFAULT '';
