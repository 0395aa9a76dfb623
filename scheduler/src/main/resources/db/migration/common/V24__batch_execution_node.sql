-- Which node runs each Spring Batch job execution (docs/deployment.md, "When a node is lost"): the Quartz scheduler
-- instance of the process that started it (QRTZ_SCHEDULER_STATE.INSTANCE_NAME, the same at every start of a node), the
-- run of that process (an id drawn at each start: a node restarted after a crash is another run) and, when a
-- schedule's firing launched it, that firing (the Quartz job's key and the time the firing was due). A node recovering a firing of a node lost
-- mid-job finds here what the firing launched and whether the node running it still checks in to the cluster.
CREATE TABLE batch_execution_node (
    job_execution_id    NUMERIC(19)  NOT NULL PRIMARY KEY,
    scheduler_instance  VARCHAR(200) NOT NULL,
    node_run            VARCHAR(36)  NOT NULL,
    schedule_key        VARCHAR(400),
    scheduled_fire_time NUMERIC(19),
    recorded_at         TIMESTAMP    NOT NULL
);

CREATE INDEX batch_execution_node_firing ON batch_execution_node (schedule_key, scheduled_fire_time);
