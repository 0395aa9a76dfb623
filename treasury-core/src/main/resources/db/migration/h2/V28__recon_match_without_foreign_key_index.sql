-- Reconciliation writes one recon_match row per payment a bank booked. On H2 each row went into five maps: the rows,
-- the primary key (the statement line), uq_recon_match_payment (payment_id, match_kind), the run index the report
-- reads by, and an index H2 keeps for the foreign key to payment on payment_id alone: H2 2.4 gives a foreign key its
-- own index and will not use the unique key that starts with the same column, and no query needs it (every read by
-- payment_id uses uq_recon_match_payment). On H2 the foreign key goes with its index; PostgreSQL and Oracle keep it
-- (they build no index for it). The reconciler writes only payment ids it read from payment in the same transaction,
-- and no code deletes a payment.
-- H2 named the foreign key itself (no name in V12), so the table is built again without it, its rows copied.
ALTER TABLE recon_match RENAME TO recon_match_v16;
ALTER TABLE recon_match_v16 DROP CONSTRAINT uq_recon_match_payment;
ALTER TABLE recon_match_v16 DROP CONSTRAINT pk_recon_match;
DROP INDEX ix_recon_match_run;

CREATE TABLE recon_match (
    bank_code          VARCHAR(20)   NOT NULL,
    account_no         VARCHAR(40)   NOT NULL,
    statement_id       VARCHAR(64)   NOT NULL,
    entry_key          VARCHAR(200)  NOT NULL,
    tx_seq             INTEGER       NOT NULL,
    payment_id         VARCHAR(32)   NOT NULL,
    delivery_id        VARCHAR(32),
    match_kind         VARCHAR(8)    NOT NULL,
    rule_code          VARCHAR(16)   NOT NULL,
    amount             NUMERIC(18,2) NOT NULL,
    booking_date       DATE,
    run_id             VARCHAR(40)   NOT NULL,
    matched_at         TIMESTAMP     NOT NULL,
    CONSTRAINT pk_recon_match PRIMARY KEY (entry_key, bank_code, tx_seq),
    CONSTRAINT uq_recon_match_payment UNIQUE (payment_id, match_kind)
);
INSERT INTO recon_match (bank_code, account_no, statement_id, entry_key, tx_seq, payment_id, delivery_id, match_kind,
                         rule_code, amount, booking_date, run_id, matched_at)
SELECT bank_code, account_no, statement_id, entry_key, tx_seq, payment_id, delivery_id, match_kind, rule_code, amount,
       booking_date, run_id, matched_at
  FROM recon_match_v16;
DROP TABLE recon_match_v16;
CREATE INDEX ix_recon_match_run ON recon_match (run_id);
