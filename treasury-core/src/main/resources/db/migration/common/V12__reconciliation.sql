-- Bank-flow reconciliation (银行流水对账, issue 11): the statements the job took, what each entry matched and by
-- which rule, the exceptions operators resolve, and the returns (退回) sent upstream for money the bank gave back.
-- Every unique key below is what keeps a restarted or repeated run from counting or matching anything twice.

-- A booking is found by the bank's reference when its EndToEndId names no payment (rule BANK_REFERENCE).
CREATE INDEX ix_payment_bank_reference ON payment (bank_reference);

-- Each statement (camt.053) or notification (camt.054) taken once, by account, statement id and electronic
-- sequence; digest is the SHA-256 of what the statement says, so the same key with other content is told apart.
CREATE TABLE recon_statement (
    recon_statement_id VARCHAR(32)   NOT NULL PRIMARY KEY,
    bank_code          VARCHAR(20)   NOT NULL,
    account_no         VARCHAR(40)   NOT NULL,
    statement_id       VARCHAR(64)   NOT NULL,
    seq_no             VARCHAR(35)   NOT NULL,
    seq_num            NUMERIC(19),
    message_kind       VARCHAR(8)    NOT NULL,
    digest             VARCHAR(64)   NOT NULL,
    file_name          VARCHAR(200)  NOT NULL,
    statement_date     DATE,
    opening_balance    NUMERIC(18,2),
    closing_balance    NUMERIC(18,2),
    entries            INTEGER       NOT NULL,
    run_id             VARCHAR(40)   NOT NULL,
    imported_at        TIMESTAMP     NOT NULL,
    CONSTRAINT uq_recon_statement UNIQUE (bank_code, account_no, statement_id, seq_no)
);
CREATE INDEX ix_recon_statement_account ON recon_statement (bank_code, account_no, seq_num);

-- One row per payment an entry matched, with the rule that matched it. A statement line (entry key, bank,
-- position: the key first, so a statement's keys are looked up many at once by the unique index) matches
-- once, and a payment is booked once and returned once (kind DEBIT or RETURN).
CREATE TABLE recon_match (
    match_id           VARCHAR(32)   NOT NULL PRIMARY KEY,
    bank_code          VARCHAR(20)   NOT NULL,
    account_no         VARCHAR(40)   NOT NULL,
    statement_id       VARCHAR(64)   NOT NULL,
    entry_key          VARCHAR(200)  NOT NULL,
    tx_seq             INTEGER       NOT NULL,
    payment_id         VARCHAR(32)   NOT NULL REFERENCES payment (payment_id),
    delivery_id        VARCHAR(32),
    match_kind         VARCHAR(8)    NOT NULL,
    rule_code          VARCHAR(16)   NOT NULL,
    amount             NUMERIC(18,2) NOT NULL,
    booking_date       DATE,
    run_id             VARCHAR(40)   NOT NULL,
    matched_at         TIMESTAMP     NOT NULL,
    CONSTRAINT uq_recon_match_line UNIQUE (entry_key, bank_code, tx_seq),
    CONSTRAINT uq_recon_match_payment UNIQUE (payment_id, match_kind)
);
CREATE INDEX ix_recon_match_run ON recon_match (run_id);

-- What reconciliation could not match: open until an operator resolves it with a reason (audited). dedup_key
-- (SHA-256 of the kind and what it is about) makes a finding one exception however many runs see it.
CREATE TABLE recon_exception (
    exception_id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    dedup_key          VARCHAR(64)   NOT NULL,
    kind               VARCHAR(32)   NOT NULL,
    bank_code          VARCHAR(20)   NOT NULL,
    account_no         VARCHAR(40),
    statement_id       VARCHAR(64),
    entry_key          VARCHAR(200),
    payment_id         VARCHAR(32),
    amount             NUMERIC(18,2),
    expected_amount    NUMERIC(18,2),
    booking_date       DATE,
    detail             VARCHAR(1000) NOT NULL,
    run_id             VARCHAR(40)   NOT NULL,
    opened_at          TIMESTAMP     NOT NULL,
    resolved_at        TIMESTAMP,
    resolved_by        VARCHAR(64),
    reason             VARCHAR(400),
    CONSTRAINT uq_recon_exception UNIQUE (dedup_key)
);
CREATE INDEX ix_recon_exception_open ON recon_exception (resolved_at, bank_code);
CREATE INDEX ix_recon_exception_run ON recon_exception (run_id);

-- The return (退回, VoucherFlag 2) owed upstream for a payment the bank gave back: recorded with the match, in
-- its transaction; written to the finance system's outbox after it (sent_at), once per payment.
CREATE TABLE recon_return (
    payment_id         VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES payment (payment_id),
    voucher_id         VARCHAR(32)   NOT NULL REFERENCES voucher (voucher_id),
    amount             NUMERIC(18,2) NOT NULL,
    reason_code        VARCHAR(35),
    reason_text        VARCHAR(400),
    entry_key          VARCHAR(200)  NOT NULL,
    file_name          VARCHAR(200),
    run_id             VARCHAR(40)   NOT NULL,
    created_at         TIMESTAMP     NOT NULL,
    sent_at            TIMESTAMP
);
