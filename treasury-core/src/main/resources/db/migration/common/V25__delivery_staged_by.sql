-- Which staging area holds a payment file (docs/deployment.md, "When a node is lost"): the identity of the
-- node's <home>/outbound (StagingArea.id, kept in its .staging-id), recorded with the delivery. Only that node
-- uploads the file. A file never sent (PREPARED) whose node is lost is rendered again from the database by the
-- node that restarts its payroll run, which takes it over here by a conditional update; the lost node, should it
-- come back, no longer moves the delivery and quarantines its copy. NULL: staged before this column existed.
ALTER TABLE bank_delivery ADD staged_by VARCHAR(36);
