-- The run lock where the database has no advisory locks (H2): a run keeps this row locked
-- (SELECT ... FOR UPDATE NOWAIT in an open transaction) for as long as it runs. See RunLock.
CREATE TABLE run_lock (
    lock_name VARCHAR(64) NOT NULL PRIMARY KEY
);

INSERT INTO run_lock (lock_name) VALUES ('narrate');
