-- Which node runs each Spring Batch step execution (docs/deployment.md, "A job execution whose node is lost"): the
-- Quartz instance and process run of the node whose thread or worker runs it — a job's own steps, and each partition
-- wherever a worker took it. A node taking over the execution of a lost node waits while one of its steps still runs
-- on a living node (a payroll's partition on another node's worker), instead of running it a second time beside it.
CREATE TABLE batch_step_node (
    step_execution_id   NUMERIC(19)  NOT NULL PRIMARY KEY,
    job_execution_id    NUMERIC(19)  NOT NULL,
    scheduler_instance  VARCHAR(200) NOT NULL,
    node_run            VARCHAR(36)  NOT NULL,
    recorded_at         TIMESTAMP    NOT NULL
);

CREATE INDEX batch_step_node_job ON batch_step_node (job_execution_id);
