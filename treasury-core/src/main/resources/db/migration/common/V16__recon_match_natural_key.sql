-- Reconciliation writes one recon_match row per payment a bank booked: its hottest write. The surrogate match_id was
-- never read; the statement line (entry_key, bank_code, tx_seq), unique already, becomes the primary key instead,
-- so each row maintains one index fewer. A line still matches once and a payment is booked (or returned) once.
ALTER TABLE recon_match DROP CONSTRAINT uq_recon_match_line;
ALTER TABLE recon_match DROP COLUMN match_id;
ALTER TABLE recon_match ADD CONSTRAINT pk_recon_match PRIMARY KEY (entry_key, bank_code, tx_seq);
