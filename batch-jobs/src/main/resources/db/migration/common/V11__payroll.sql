-- Bulk payroll disbursement (统发工资, docs/payroll.md): each run of a payroll file and every line of it, refused
-- with its code or paid through the hub's one payment path (one voucher per run, one payment per line).

-- One run of one payroll file for one agency and month. The unique key is what makes a file run once:
-- the same bytes for the same agency and month again are PAYROLL_ALREADY_RUN; a re-run of the failed lines
-- of a run names it in retry_of ('-' for a first run), so each run is retried at most once.
CREATE TABLE payroll_run (
    run_id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    file_name       VARCHAR(200)  NOT NULL,
    file_path       VARCHAR(1000) NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    input_kind      VARCHAR(8)    NOT NULL,
    charset_name    VARCHAR(16)   NOT NULL,
    adm_div_code    VARCHAR(9)    NOT NULL,
    agency_code     VARCHAR(30)   NOT NULL,
    pay_month       VARCHAR(7)    NOT NULL,
    retry_of        VARCHAR(32)   NOT NULL,
    voucher_id      VARCHAR(32)   REFERENCES voucher (voucher_id),
    approval_id     VARCHAR(32),
    approve_as      VARCHAR(64),
    status          VARCHAR(20)   NOT NULL,
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT uq_payroll_run UNIQUE (file_sha256, agency_code, pay_month, retry_of)
);

-- Every line of a run's file, as read: VALID (paid through payment_id) or REFUSED with a stable code and why.
-- A retry's lines are the failed lines of the run it retries, keeping their first line numbers.
CREATE TABLE payroll_line (
    run_id          VARCHAR(32)   NOT NULL REFERENCES payroll_run (run_id),
    line_no         INTEGER       NOT NULL,
    employee_id     VARCHAR(64),
    employee_name   VARCHAR(200),
    id_type         VARCHAR(8),
    id_number       VARCHAR(40),
    bank_code       VARCHAR(20),
    account_no      VARCHAR(40),
    account_name    VARCHAR(200),
    amount          NUMERIC(18,2),
    agency_code     VARCHAR(30),
    exp_func_code   VARCHAR(30),
    eco_code        VARCHAR(30),
    fund_type_code  VARCHAR(30),
    remark          VARCHAR(200),
    state           VARCHAR(8)    NOT NULL,
    code            VARCHAR(40),
    message         VARCHAR(400),
    payment_id      VARCHAR(32)   REFERENCES payment (payment_id),
    CONSTRAINT pk_payroll_line PRIMARY KEY (run_id, line_no),
    CONSTRAINT uq_payroll_line_payment UNIQUE (payment_id)
);
-- Lines are read by their key (run, line) in order; an employee's other lines by employee first, so no index but the
-- key starts with the run (the optimiser would scan a whole run through it).
CREATE INDEX ix_payroll_line_employee ON payroll_line (employee_id, run_id);
-- A run's payments a file (bank, state, line order) or a chunk (state, line order) at a time.
CREATE INDEX ix_payment_voucher_bank ON payment (voucher_id, bank_code, status, seq);
CREATE INDEX ix_payment_voucher_status ON payment (voucher_id, status, seq);
