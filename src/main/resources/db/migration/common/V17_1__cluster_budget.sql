-- Run-wide max-cost and finish-by in cluster mode (docs/DESIGN.md, "Several hosts", the claim/lease
-- protocol): the limits of one execution, set by its manager, and each claim's share of the budget.
-- Created on H2 too so the schema is one; only used on PostgreSQL.

-- The limits of a manager's execution: written once as it starts (only when a limit is set); the
-- claimers of every host lock this row while they reserve, so together they never pass max_cost.
CREATE TABLE cluster_budget (
    job_execution_id BIGINT                   NOT NULL PRIMARY KEY,
    job_instance_id  BIGINT                   NOT NULL,
    max_cost         NUMERIC(20, 6),
    deadline         TIMESTAMP WITH TIME ZONE
);

-- estimate: the episode's expected cost in USD, computed by the manager as it queues (0 for an entry
-- that costs nothing: invalid, or already published); reserved while the claim is held and its cost
-- not yet reported; spent: what its narration cost, as the worker reported it.
ALTER TABLE cluster_claim ADD COLUMN estimate NUMERIC(20, 6) DEFAULT 0 NOT NULL;
ALTER TABLE cluster_claim ADD COLUMN reserved BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE cluster_claim ADD COLUMN spent NUMERIC(20, 6) DEFAULT 0 NOT NULL;
