-- The duplicate notices and intake returns (voucher_notice) and reconciliation's returns (recon_return) are taken
-- over from a lost node as the receipts and returns of stored vouchers are (V40; docs/deployment.md, "Answers of a
-- lost node"). staged_by: the staging area holding the file (the node's <home>/finance-outbound, StagingArea.id);
-- NULL when no file was staged (a reconciliation return no finance system serves) or the row was recorded before
-- this migration. delivered_at: when the outbox route recorded the file in the finance system's outbox, after the
-- upload. envelope: the file's bytes, written again the same under the same name by the node taking it over (a
-- duplicate notice carries its arrival, a return its voucher as received: neither is rebuilt from the database).
ALTER TABLE voucher_notice ADD staged_by VARCHAR(36);
ALTER TABLE voucher_notice ADD delivered_at TIMESTAMP;
ALTER TABLE voucher_notice ADD envelope ${binary_type};
ALTER TABLE recon_return ADD staged_by VARCHAR(36);
ALTER TABLE recon_return ADD delivered_at TIMESTAMP;
ALTER TABLE recon_return ADD envelope ${binary_type};
-- The rows recorded before: their files count as delivered (never sent again). A reconciliation return not sent
-- yet (sent_at NULL) is staged by the next run, with its area and bytes.
UPDATE voucher_notice SET delivered_at = created_at;
UPDATE recon_return SET delivered_at = sent_at WHERE sent_at IS NOT NULL;
CREATE INDEX ix_voucher_notice_file ON voucher_notice (file_name);
CREATE INDEX ix_voucher_notice_staged ON voucher_notice (staged_by, delivered_at);
CREATE INDEX ix_recon_return_file ON recon_return (file_name);
CREATE INDEX ix_recon_return_staged ON recon_return (staged_by, delivered_at);
-- Every file the hub stages for a finance system's outbox, one row per file whatever its table (kind ANSWER:
-- voucher_answer, NOTICE: voucher_notice, RETURN: recon_return): the outbox route looks a waiting file up by its
-- name, the cluster's sweep looks for a lost area's files not delivered (StagedAnswers). finance_system is the
-- notice's own; a receipt's or return's finance system follows its voucher's AdmDivCode.
CREATE VIEW finance_outbox_file AS
    SELECT 'ANSWER' AS kind, a.answer_id AS file_id, a.file_name, a.staged_by, a.delivered_at,
           CAST(NULL AS VARCHAR(32)) AS finance_system, v.adm_div_code, v.voucher_no
      FROM voucher_answer a JOIN voucher v ON v.voucher_id = a.voucher_id
    UNION ALL
    SELECT 'NOTICE', n.notice_id, n.file_name, n.staged_by, n.delivered_at, n.finance_system, n.adm_div_code,
           n.voucher_no
      FROM voucher_notice n
    UNION ALL
    SELECT 'RETURN', r.payment_id, r.file_name, r.staged_by, r.delivered_at, CAST(NULL AS VARCHAR(32)),
           v.adm_div_code, v.voucher_no
      FROM recon_return r JOIN voucher v ON v.voucher_id = r.voucher_id
     WHERE r.file_name IS NOT NULL;
