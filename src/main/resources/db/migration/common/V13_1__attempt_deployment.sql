-- Which deployment served each gateway call (endpoint host and deployment name, never a key):
-- with several deployments in one run, the rows say which deployment did what. NULL for calls
-- recorded before this column existed.
ALTER TABLE episode_attempt ADD COLUMN deployment VARCHAR(300);
