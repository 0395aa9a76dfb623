-- Fiscal controls on the payment path (docs/budget.md): budget indicators (指标) and monthly plans (用款计划)
-- with every movement kept, each payment's reservation against them, approval chains (审批), and the alerts of
-- the risk rules (风险防控).

-- The budget subject of each payment, as its voucher detail carries it (the header's value where the detail has
-- none), and the Beijing date the hub received it (what "a day" means to the risk rules).
ALTER TABLE payment ADD agency_code VARCHAR(30);
ALTER TABLE payment ADD exp_func_code VARCHAR(30);
ALTER TABLE payment ADD gov_exp_eco_code VARCHAR(30);
ALTER TABLE payment ADD dep_exp_eco_code VARCHAR(30);
ALTER TABLE payment ADD fund_type_code VARCHAR(30);
ALTER TABLE payment ADD pro_cat_code VARCHAR(30);
ALTER TABLE payment ADD dep_pro_code VARCHAR(30);
ALTER TABLE payment ADD received_on DATE;
CREATE INDEX ix_payment_payer_day ON payment (pay_acct_no, received_on);
CREATE INDEX ix_payment_payee_day ON payment (payee_acct_no, received_on);

-- Every budget file imported, once by kind and content: the same file twice would appropriate twice.
CREATE TABLE budget_import (
    import_id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    kind            VARCHAR(16)   NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    file_sha256     VARCHAR(64)   NOT NULL,
    rows_imported   INTEGER       NOT NULL,
    net_amount      NUMERIC(18,2) NOT NULL,
    imported_by     VARCHAR(64)   NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    imported_at     TIMESTAMP     NOT NULL,
    CONSTRAINT uq_budget_import UNIQUE (kind, file_sha256)
);

-- A budget indicator: the amount approved for one subject (AdmDivCode, StYear, AgencyCode, ExpFuncCode,
-- GovExpEcoCode, FundTypeCode and DepProCode, empty or NULL when none: Oracle stores '' as NULL), what payments hold
-- (reserved) and what the banks paid (spent). subject_key is those seven codes joined by '|', the project's empty
-- when none. Reservations are conditional updates; the check is the database's own word that no writer, however
-- many, takes more than the indicator holds.
CREATE TABLE budget_indicator (
    indicator_id     VARCHAR(32)   NOT NULL PRIMARY KEY,
    subject_key      VARCHAR(200)  NOT NULL,
    adm_div_code     VARCHAR(9)    NOT NULL,
    st_year          VARCHAR(4)    NOT NULL,
    agency_code      VARCHAR(30)   NOT NULL,
    exp_func_code    VARCHAR(30)   NOT NULL,
    gov_exp_eco_code VARCHAR(30)   NOT NULL,
    fund_type_code   VARCHAR(30)   NOT NULL,
    dep_pro_code     VARCHAR(30),
    approved         NUMERIC(18,2) NOT NULL,
    reserved         NUMERIC(18,2) NOT NULL,
    spent            NUMERIC(18,2) NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    updated_at       TIMESTAMP     NOT NULL,
    CONSTRAINT uq_budget_indicator UNIQUE (subject_key),
    CONSTRAINT ck_budget_indicator CHECK (reserved >= 0 AND spent >= 0 AND reserved + spent <= approved)
);
CREATE INDEX ix_budget_indicator_agency ON budget_indicator (adm_div_code, agency_code);

-- A monthly plan (用款计划): the amount one agency may pay from one fund type in one month of the budget year.
CREATE TABLE budget_plan (
    plan_id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    plan_key         VARCHAR(120)  NOT NULL,
    adm_div_code     VARCHAR(9)    NOT NULL,
    st_year          VARCHAR(4)    NOT NULL,
    plan_month       INTEGER       NOT NULL,
    agency_code      VARCHAR(30)   NOT NULL,
    fund_type_code   VARCHAR(30)   NOT NULL,
    approved         NUMERIC(18,2) NOT NULL,
    reserved         NUMERIC(18,2) NOT NULL,
    spent            NUMERIC(18,2) NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    updated_at       TIMESTAMP     NOT NULL,
    CONSTRAINT uq_budget_plan UNIQUE (plan_key),
    CONSTRAINT ck_budget_plan CHECK (reserved >= 0 AND spent >= 0 AND reserved + spent <= approved)
);
CREATE INDEX ix_budget_plan_agency ON budget_plan (adm_div_code, agency_code);

-- Every line of every budget file: the initial amount (下达), an increase (追加) or a decrease (追减), never
-- changed afterwards. One document (DocNo, 文号) moves one indicator or plan once.
CREATE TABLE budget_movement (
    movement_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    import_id        VARCHAR(32)   NOT NULL REFERENCES budget_import (import_id),
    line_no          INTEGER       NOT NULL,
    target_kind      VARCHAR(16)   NOT NULL,
    target_id        VARCHAR(32)   NOT NULL,
    movement_type    VARCHAR(16)   NOT NULL,
    amount           NUMERIC(18,2) NOT NULL,
    doc_no           VARCHAR(100)  NOT NULL,
    remark           VARCHAR(200),
    created_at       TIMESTAMP     NOT NULL,
    CONSTRAINT uq_budget_movement_doc UNIQUE (target_kind, target_id, doc_no)
);
CREATE INDEX ix_budget_movement_target ON budget_movement (target_kind, target_id);

-- What each payment holds of its indicator and plan. state RESERVED, then RELEASED (refused, cancelled,
-- rejected by the bank) or SPENT (paid), and RETURNED when paid money came back: each move is a conditional
-- update of this row, so a payment releases or spends its reservation once.
CREATE TABLE budget_reservation (
    payment_id       VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES payment (payment_id),
    indicator_id     VARCHAR(32)   NOT NULL REFERENCES budget_indicator (indicator_id),
    plan_id          VARCHAR(32)   REFERENCES budget_plan (plan_id),
    amount           NUMERIC(18,2) NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    reserved_at      TIMESTAMP     NOT NULL,
    settled_at       TIMESTAMP
);
CREATE INDEX ix_budget_reservation_indicator ON budget_reservation (indicator_id);

-- One approval per voucher (approved as a whole): its chain of levels, picked by the rules from fund use and
-- amount, plus one level per hold of the risk rules. current_level is the level waiting (levels + 1 when done).
CREATE TABLE approval (
    approval_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    voucher_id       VARCHAR(32)   NOT NULL REFERENCES voucher (voucher_id),
    adm_div_code     VARCHAR(9)    NOT NULL,
    agency_code      VARCHAR(30)   NOT NULL,
    voucher_no       VARCHAR(40)   NOT NULL,
    amount           NUMERIC(18,2) NOT NULL,
    fund_use         VARCHAR(30)   NOT NULL,
    rule_name        VARCHAR(64)   NOT NULL,
    filing           INTEGER       NOT NULL,
    submitter        VARCHAR(64)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    levels           INTEGER       NOT NULL,
    current_level    INTEGER       NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    decided_at       TIMESTAMP,
    decision_reason  VARCHAR(400),
    CONSTRAINT uq_approval_voucher UNIQUE (voucher_id)
);
CREATE INDEX ix_approval_status ON approval (status, adm_div_code);

-- The levels of a chain, in order; who decided each, when, through which channel, and why.
CREATE TABLE approval_level (
    approval_id      VARCHAR(32)   NOT NULL REFERENCES approval (approval_id),
    level_no         INTEGER       NOT NULL,
    role_name        VARCHAR(64)   NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    note             VARCHAR(400),
    decision         VARCHAR(16),
    decided_by       VARCHAR(64),
    channel          VARCHAR(16),
    decided_at       TIMESTAMP,
    comment_text     VARCHAR(400),
    CONSTRAINT pk_approval_level PRIMARY KEY (approval_id, level_no)
);

-- Alerts of the controls: risk rule hits, budget warnings, filing notices (备案). dedup_key makes each hit one
-- alert whatever repeats it (a scan run twice). Open until acknowledged with a reason.
CREATE TABLE control_alert (
    alert_id         VARCHAR(32)   NOT NULL PRIMARY KEY,
    dedup_key        VARCHAR(64)   NOT NULL,
    rule_code        VARCHAR(32)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    hold             INTEGER       NOT NULL,
    voucher_id       VARCHAR(32),
    payment_id       VARCHAR(32),
    adm_div_code     VARCHAR(9),
    agency_code      VARCHAR(30),
    account_no       VARCHAR(40),
    amount           NUMERIC(18,2),
    detail           VARCHAR(1000) NOT NULL,
    raised_at        TIMESTAMP     NOT NULL,
    acked_by         VARCHAR(64),
    acked_at         TIMESTAMP,
    ack_reason       VARCHAR(400),
    CONSTRAINT uq_control_alert UNIQUE (dedup_key)
);
CREATE INDEX ix_control_alert_status ON control_alert (status, raised_at);
CREATE INDEX ix_control_alert_voucher ON control_alert (voucher_id);
