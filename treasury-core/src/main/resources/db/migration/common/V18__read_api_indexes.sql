-- The read API and the console (docs/operations.md, "Read API"): each list is read newest first a page at a time
-- (ORDER BY its time column, OFFSET ... FETCH NEXT), and a batch, bank file or answer is inside a reader's scope when
-- every payment it carries is (a look-up of payments by batch). Indexes for those reads; no data changes.
CREATE INDEX ix_voucher_received ON voucher (received_at);
CREATE INDEX ix_payment_created ON payment (created_at);
CREATE INDEX ix_payment_batch ON payment (batch_id);
CREATE INDEX ix_payment_batch_created ON payment_batch (created_at);
CREATE INDEX ix_bank_delivery_prepared ON bank_delivery (prepared_at);
CREATE INDEX ix_inbound_file_received ON inbound_file (received_at);
CREATE INDEX ix_inbound_file_ref ON inbound_file (bank_code, original_ref);
CREATE INDEX ix_statement_entry_received ON statement_entry (received_at);
CREATE INDEX ix_approval_created ON approval (created_at);
CREATE INDEX ix_recon_exception_payment ON recon_exception (payment_id);
CREATE INDEX ix_control_alert_payment ON control_alert (payment_id);
