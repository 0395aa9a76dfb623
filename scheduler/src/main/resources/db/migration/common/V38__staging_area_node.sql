-- Which node holds each staging area of bank files (docs/deployment.md, "A bank file staged on a node that is lost"):
-- a node in a cluster records, at its start, its outbound area's identity (bank_delivery.staged_by, the UUID of its
-- <home>/outbound/.staging-id) with its Quartz instance and the run of its process. Once that node no longer checks in
-- to the cluster, another node takes over the area's files that no upload began (PREPARED): rendered again from the
-- database and sent from its own area, the delivery taken by one conditional update.
CREATE TABLE staging_area_node (
    staging_id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    scheduler_instance  VARCHAR(200) NOT NULL,
    node_run            VARCHAR(36)  NOT NULL,
    recorded_at         TIMESTAMP    NOT NULL
);
