-- How each deployment of a run with several deployments stood when the run ended: up, down (since
-- when, last error) or out of the run (it refused the configuration, and why). Written once per
-- execution as it ends; the run summary and 'status' read it next to the attempt rows.
CREATE TABLE run_deployment (
    job_execution_id BIGINT        NOT NULL,
    deployment       VARCHAR(300)  NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    note             VARCHAR(1000),
    PRIMARY KEY (job_execution_id, deployment)
);
