-- Which node took over a job execution whose node was lost (docs/deployment.md, "When a node is lost"): the Quartz
-- instance and process run of the node that claimed it, set by one conditional UPDATE so that two nodes sweeping at
-- once (or a node sweeping while another recovers the firing through Quartz) never both mark and restart it. A
-- claimant lost in turn before it restarted the execution is itself taken over, by the same conditional UPDATE.
ALTER TABLE batch_execution_node ADD taken_over_by VARCHAR(200);
ALTER TABLE batch_execution_node ADD taken_over_run VARCHAR(36);
ALTER TABLE batch_execution_node ADD taken_over_at TIMESTAMP;
