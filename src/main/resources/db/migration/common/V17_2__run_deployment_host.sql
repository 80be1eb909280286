-- How each deployment stood at the end of a run, per host: in cluster mode every worker host runs
-- its own pool of the listed deployments and records how each stood when its last partition of the
-- execution ended (one process, and runs before this migration, record host ''). The summary and
-- 'status' merge the hosts' rows: the worst state of a deployment, naming the host(s).
CREATE TABLE run_deployment_host (
    job_execution_id BIGINT        NOT NULL,
    host             VARCHAR(200)  NOT NULL,
    deployment       VARCHAR(300)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    note             VARCHAR(1000),
    PRIMARY KEY (job_execution_id, host, deployment)
);
INSERT INTO run_deployment_host (job_execution_id, host, deployment, state, note)
    SELECT job_execution_id, '', deployment, state, note FROM run_deployment;
DROP TABLE run_deployment;
ALTER TABLE run_deployment_host RENAME TO run_deployment;
