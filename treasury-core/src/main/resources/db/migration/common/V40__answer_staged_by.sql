-- Where each receipt or return (voucher_answer) waits for its finance system's outbox, and whether it got there
-- (docs/deployment.md, "Answers of a lost node"). staged_by: the identity of the staging area holding its file (the
-- node's <home>/finance-outbound, StagingArea.id, kept in its .staging-id; in a cluster each node records holding
-- it in staging_area_node, V38); NULL when no file was staged (no finance system for the voucher's AdmDivCode, a
-- payroll's answer, which is its outputs) or the answer was recorded before this column. delivered_at: when the
-- outbox route (finance-outbox-<CODE>) recorded its file in the finance system's outbox, after the upload succeeded.
-- Once the node holding an area no longer checks in, another node writes the area's answers not delivered again
-- from their envelope into its own area and takes each by a conditional update of staged_by.
ALTER TABLE voucher_answer ADD staged_by VARCHAR(36);
ALTER TABLE voucher_answer ADD delivered_at TIMESTAMP;
-- The answers recorded before: their files are taken as delivered (their history is never sent again).
UPDATE voucher_answer SET delivered_at = created_at;
-- The outbox route looks up each file's answer by its name; the sweep looks for a lost area's answers not delivered.
CREATE INDEX ix_voucher_answer_file ON voucher_answer (file_name);
CREATE INDEX ix_voucher_answer_staged ON voucher_answer (staged_by, delivered_at);
