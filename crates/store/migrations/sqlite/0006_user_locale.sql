-- A user's chosen language for the web pages (`en`, `zh-CN`); NULL: not chosen yet.

ALTER TABLE users ADD COLUMN locale TEXT;
