-- Jincai core schema: vouchers in, payments through their lifecycle, files out to banks, answers back.
-- Portable SQL for H2, PostgreSQL and Oracle: VARCHAR, NUMERIC, DATE, TIMESTAMP, INTEGER only;
-- the one vendor-specific type (raw bytes) comes from the Flyway placeholder ${binary_type}.
-- Money is NUMERIC(18,2) (CNY fen); times are UTC.

-- One row per voucher accepted as payable; the unique key is the fiscal idempotency key.
CREATE TABLE voucher (
    voucher_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    adm_div_code    VARCHAR(9)    NOT NULL,
    st_year         VARCHAR(4)    NOT NULL,
    vt_code         VARCHAR(4)    NOT NULL,
    voucher_no      VARCHAR(40)   NOT NULL,
    voucher_flag    INTEGER       NOT NULL,
    vou_date        DATE          NOT NULL,
    agency_code     VARCHAR(30)   NOT NULL,
    agency_name     VARCHAR(200),
    pay_bank_code   VARCHAR(20)   NOT NULL,
    bank_code       VARCHAR(20)   NOT NULL,
    pay_acct_no     VARCHAR(40)   NOT NULL,
    pay_acct_name   VARCHAR(200),
    pay_amt         NUMERIC(18,2) NOT NULL,
    detail_count    INTEGER       NOT NULL,
    source          VARCHAR(200)  NOT NULL,
    received_by     VARCHAR(64)   NOT NULL,
    received_at     TIMESTAMP     NOT NULL,
    payload_sha256  VARCHAR(64)   NOT NULL,
    voucher_xml     ${binary_type} NOT NULL,
    CONSTRAINT uq_voucher_key UNIQUE (adm_div_code, st_year, vt_code, voucher_no, voucher_flag)
);

-- Every voucher refused at intake, with its codes: nothing is silently dropped.
CREATE TABLE voucher_refusal (
    refusal_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    adm_div_code    VARCHAR(9),
    st_year         VARCHAR(4),
    vt_code         VARCHAR(4),
    voucher_no      VARCHAR(40),
    source          VARCHAR(200)  NOT NULL,
    received_by     VARCHAR(64)   NOT NULL,
    refused_at      TIMESTAMP     NOT NULL,
    codes           VARCHAR(400)  NOT NULL,
    detail          VARCHAR(2000) NOT NULL
);
CREATE INDEX ix_voucher_refusal_key ON voucher_refusal (adm_div_code, st_year, vt_code, voucher_no);

-- A group of released payments for one bank, payer account and execution date.
CREATE TABLE payment_batch (
    batch_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    bank_code       VARCHAR(20)   NOT NULL,
    pay_acct_no     VARCHAR(40)   NOT NULL,
    execution_date  DATE          NOT NULL,
    tx_count        INTEGER       NOT NULL,
    total_amount    NUMERIC(18,2) NOT NULL,
    file_count      INTEGER       NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    created_by      VARCHAR(64)   NOT NULL
);

-- One payment file for one bank; file name and message id are each unique per bank so a file
-- is never built, nor uploaded, twice.
CREATE TABLE bank_delivery (
    delivery_id     VARCHAR(32)   NOT NULL PRIMARY KEY,
    batch_id        VARCHAR(32)   NOT NULL REFERENCES payment_batch (batch_id),
    bank_code       VARCHAR(20)   NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    message_id      VARCHAR(35)   NOT NULL,
    part_no         INTEGER       NOT NULL,
    tx_count        INTEGER       NOT NULL,
    total_amount    NUMERIC(18,2) NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    prepared_at     TIMESTAMP     NOT NULL,
    uploaded_at     TIMESTAMP,
    answered_at     TIMESTAMP,
    CONSTRAINT uq_delivery_file UNIQUE (bank_code, file_name),
    CONSTRAINT uq_delivery_msg UNIQUE (bank_code, message_id)
);

-- One credit to one payee; payment_id is also the ISO 20022 EndToEndId that comes back on answers.
CREATE TABLE payment (
    payment_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    voucher_id        VARCHAR(32)   NOT NULL REFERENCES voucher (voucher_id),
    seq               INTEGER       NOT NULL,
    detail_id         VARCHAR(64),
    bank_code         VARCHAR(20)   NOT NULL,
    pay_acct_no       VARCHAR(40)   NOT NULL,
    pay_acct_name     VARCHAR(200),
    payee_acct_no     VARCHAR(40)   NOT NULL,
    payee_acct_name   VARCHAR(200)  NOT NULL,
    payee_bank_name   VARCHAR(200),
    payee_bank_no     VARCHAR(20),
    amount            NUMERIC(18,2) NOT NULL,
    currency          VARCHAR(3)    NOT NULL,
    remittance        VARCHAR(200),
    status            VARCHAR(20)   NOT NULL,
    batch_id          VARCHAR(32)   REFERENCES payment_batch (batch_id),
    delivery_id       VARCHAR(32)   REFERENCES bank_delivery (delivery_id),
    bank_reason_code  VARCHAR(35),
    bank_reason_text  VARCHAR(400),
    created_at        TIMESTAMP     NOT NULL,
    updated_at        TIMESTAMP     NOT NULL,
    CONSTRAINT uq_payment_voucher_seq UNIQUE (voucher_id, seq)
);
CREATE INDEX ix_payment_status ON payment (status, bank_code);
CREATE INDEX ix_payment_delivery ON payment (delivery_id);

-- Every lifecycle transition, with time and actor; append-only.
CREATE TABLE payment_event (
    event_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    payment_id      VARCHAR(32)   NOT NULL REFERENCES payment (payment_id),
    from_status     VARCHAR(20),
    to_status       VARCHAR(20)   NOT NULL,
    actor           VARCHAR(64)   NOT NULL,
    reason          VARCHAR(400),
    occurred_at     TIMESTAMP     NOT NULL
);
CREATE INDEX ix_payment_event_payment ON payment_event (payment_id);

-- Every answer file taken from a bank, idempotent by bank, name and content digest.
CREATE TABLE inbound_file (
    inbound_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    bank_code       VARCHAR(20)   NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    original_ref    VARCHAR(200),
    statuses        INTEGER       NOT NULL,
    received_at     TIMESTAMP     NOT NULL,
    CONSTRAINT uq_inbound_file UNIQUE (bank_code, file_name, file_sha256)
);
