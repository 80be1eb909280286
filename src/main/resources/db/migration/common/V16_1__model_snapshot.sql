-- The model snapshot that spoke the published episode, as the gateway named it in session.created
-- (session.model). A deployment name (the model column) hides it: the same deployment may serve
-- another snapshot, with another voice, tomorrow. Comma-separated when the segments of one episode
-- were spoken by different snapshots. NULL when the gateway named none, and for older rows.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.
ALTER TABLE episode ADD COLUMN model_snapshot VARCHAR(200);
