-- Cluster mode: end-of-run segment sharing across worker hosts (docs/DESIGN.md, "Several hosts",
-- protocol item 5). The host that owns an episode publishes its planned segments here while it
-- narrates it; its own workers take them from the front, idle workers of any host from the back.
-- A segment is QUEUED, TAKEN by a host (for as long as that host's lease lives), then DONE (its
-- audio is kept in the episode's segment folder on the shared volume) or FAILED (with the failure
-- the owner reports). The owner deletes the rows when it is done with the episode. Created on H2 too
-- so the schema is one; only used on PostgreSQL.
CREATE TABLE cluster_segment (
    job_instance_id BIGINT        NOT NULL,
    episode_id      VARCHAR(1000) NOT NULL,
    -- The segment's place in the owner's narration order, and its key, which the helper checks
    -- against its own plan of the episode.
    segment_index   INTEGER       NOT NULL,
    segment_key     VARCHAR(100)  NOT NULL,
    owner_id        VARCHAR(200)  NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    worker_id       VARCHAR(200),
    failure_kind    VARCHAR(32),
    failure_code    VARCHAR(200),
    failure_reason  VARCHAR(4000),
    word_error_rate DOUBLE PRECISION,
    -- What the host that narrated the segment spent on it (rejected readings included), which its
    -- owner adds to the episode's tallies: a helper of another host shares none of its counters.
    attempts            INTEGER,
    input_tokens        BIGINT,
    output_tokens       BIGINT,
    input_text_tokens   BIGINT,
    input_audio_tokens  BIGINT,
    output_text_tokens  BIGINT,
    output_audio_tokens BIGINT,
    PRIMARY KEY (job_instance_id, episode_id, segment_index)
);
