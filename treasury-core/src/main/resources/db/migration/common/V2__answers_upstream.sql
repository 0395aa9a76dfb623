-- Finance systems' inbox files, bank statements, and receipts/returns sent back upstream.

-- Where a voucher came from, so its receipt goes back there.
ALTER TABLE voucher ADD finance_system VARCHAR(32);

-- What the bank said about the money: the value date and its own reference (XPayDate, XAgentBusinessNo).
ALTER TABLE payment ADD paid_date DATE;
ALTER TABLE payment ADD bank_reference VARCHAR(64);

-- Upload attempts: a delivery in UPLOADING may already be on the bank's server.
ALTER TABLE bank_delivery ADD attempts INTEGER DEFAULT 0 NOT NULL;

-- Every file taken from a finance system's inbox, once by name and digest. PROCESSING marks a file whose
-- intake started, so a replay after a crash is recognised.
CREATE TABLE intake_file (
    intake_id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    finance_system  VARCHAR(32)   NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    vouchers        INTEGER       NOT NULL,
    accepted        INTEGER       NOT NULL,
    refused         INTEGER       NOT NULL,
    received_at     TIMESTAMP     NOT NULL,
    CONSTRAINT uq_intake_file UNIQUE (finance_system, file_name, file_sha256)
);

-- Each booked statement line, once: keyed by the bank, the entry's own key (AcctSvcrRef, else the
-- statement id and entry position) and the transaction's position inside a batch entry.
CREATE TABLE statement_entry (
    entry_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    bank_code       VARCHAR(20)   NOT NULL,
    statement_id    VARCHAR(64)   NOT NULL,
    entry_key       VARCHAR(200)  NOT NULL,
    tx_seq          INTEGER       NOT NULL,
    end_to_end_id   VARCHAR(35),
    payment_id      VARCHAR(32)   REFERENCES payment (payment_id),
    amount          NUMERIC(18,2) NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    credit_debit    VARCHAR(4)    NOT NULL,
    booking_date    DATE,
    value_date      DATE,
    reversal        INTEGER       NOT NULL,
    received_at     TIMESTAMP     NOT NULL,
    CONSTRAINT uq_statement_entry UNIQUE (bank_code, entry_key, tx_seq)
);
CREATE INDEX ix_statement_entry_payment ON statement_entry (payment_id);

-- Receipts (回单, VoucherFlag 1) and returns (退回, VoucherFlag 2) written back for stored vouchers: one each.
CREATE TABLE voucher_answer (
    answer_id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    voucher_id      VARCHAR(32)   NOT NULL REFERENCES voucher (voucher_id),
    voucher_flag    INTEGER       NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    envelope        ${binary_type} NOT NULL,
    paid_amount     NUMERIC(18,2) NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    CONSTRAINT uq_voucher_answer UNIQUE (voucher_id)
);

