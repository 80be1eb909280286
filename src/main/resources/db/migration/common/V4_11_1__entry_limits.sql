-- Paths as long as any the file system opens (EntryLimits.PATH_LENGTH): an episode read from a
-- deep folder, or published into one, failed at its row after its audio was paid for.
-- Portable SQL: SET DATA TYPE runs unchanged on H2 and PostgreSQL and keeps NOT NULL.
ALTER TABLE episode ALTER COLUMN source SET DATA TYPE VARCHAR(8192);
ALTER TABLE episode ALTER COLUMN wav_path SET DATA TYPE VARCHAR(8192);
ALTER TABLE episode ALTER COLUMN transcript_path SET DATA TYPE VARCHAR(8192);
ALTER TABLE episode ALTER COLUMN subtitles_path SET DATA TYPE VARCHAR(8192);
ALTER TABLE input_problem ALTER COLUMN source SET DATA TYPE VARCHAR(8192);
