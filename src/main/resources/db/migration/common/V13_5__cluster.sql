-- Cluster mode (nightcast.cluster.enabled, several worker hosts; PostgreSQL only): the claim/lease
-- protocol of docs/DESIGN.md, "Several hosts". Created on H2 too so the schema is one; only used on
-- PostgreSQL.

-- One row per live worker host (java -jar nightcast.jar worker): its heartbeat pushes lease_until
-- forward. A host whose lease has passed is gone: its partitions and claims are taken over.
CREATE TABLE cluster_worker (
    worker_id   VARCHAR(200) NOT NULL PRIMARY KEY,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which host runs which partition (a worker step execution): its lease is the host's.
CREATE TABLE cluster_partition (
    step_execution_id BIGINT       NOT NULL PRIMARY KEY,
    job_execution_id  BIGINT       NOT NULL,
    worker_id         VARCHAR(200) NOT NULL
);

-- The run's episodes as the workers of every host take them: QUEUED, CLAIMED by a host (for as long
-- as that host's lease lives), DONE once the episode's row committed. Keyed by the job instance, so
-- a restarted run and partitions of the execution it continues never narrate the same entry at once.
CREATE TABLE cluster_claim (
    job_instance_id BIGINT        NOT NULL,
    position        INTEGER       NOT NULL,
    entry_id        VARCHAR(1000) NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    worker_id       VARCHAR(200),
    claims          INTEGER       NOT NULL DEFAULT 0,
    PRIMARY KEY (job_instance_id, position)
);

CREATE INDEX cluster_claim_state ON cluster_claim (job_instance_id, state, position);
