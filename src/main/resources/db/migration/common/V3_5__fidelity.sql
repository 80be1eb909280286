-- Fidelity and subtitles. Portable SQL: runs unchanged on H2 and PostgreSQL.

-- Word errors of the transcript per word of the script (after normalising case, punctuation,
-- numbers and common abbreviations). For a DONE row: all segments of the published audio together,
-- and the worst single segment. For a row FAILED with reason 'fidelity': the measured rate of the
-- segment that could not be read faithfully.
ALTER TABLE episode ADD COLUMN word_error_rate DOUBLE PRECISION;
ALTER TABLE episode ADD COLUMN worst_segment_error_rate DOUBLE PRECISION;

-- The published WebVTT subtitles, next to the WAV and the transcript.
ALTER TABLE episode ADD COLUMN subtitles_path VARCHAR(2000);
