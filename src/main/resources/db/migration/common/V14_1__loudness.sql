-- Loudness of the published WAV, measured on what was written (ITU-R BS.1770-4 / EBU R128).
-- Portable SQL: runs unchanged on H2 and PostgreSQL. NULL for audio published before it was
-- measured, and for silent audio (nothing above the -70 LUFS gate).

-- Integrated loudness in LUFS (K-weighted, gated), normalised to nightcast.audio.loudness.target.
ALTER TABLE episode ADD COLUMN loudness_lufs DOUBLE PRECISION;
-- The 8x oversampled peak in dBTP, held under nightcast.audio.loudness.true-peak.
ALTER TABLE episode ADD COLUMN true_peak_dbtp DOUBLE PRECISION;
-- Loudness range in LU (EBU Tech 3342).
ALTER TABLE episode ADD COLUMN loudness_range_lu DOUBLE PRECISION;
