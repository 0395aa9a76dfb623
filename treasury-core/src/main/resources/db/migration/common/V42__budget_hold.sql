-- What a voucher holds of the budget before its payments exist (a payroll run before its approval; docs/budget.md,
-- "Holds (payroll runs)"): one row per indicator (target_kind INDICATOR, target_id its indicator_id) and per plan
-- (PLAN, plan_id) the voucher's totals were taken from, whose reserved counts the amount. Each payment born later
-- draws its own budget_reservation from the hold (drawn + its amount); what no payment drew is released once, when
-- the run is rejected or ends (released, settled_at). Every change is a conditional update of the row; the check is
-- the database's own word that a hold never gives more than it took.
-- target_kind has no check: H2 2.4 cannot evaluate a CHECK with = or IN against a literal once the session that
-- created it has closed (V3); BudgetControl writes INDICATOR and PLAN only.
CREATE TABLE budget_hold (
    voucher_id       VARCHAR(32)   NOT NULL REFERENCES voucher (voucher_id),
    target_kind      VARCHAR(16)   NOT NULL,
    target_id        VARCHAR(32)   NOT NULL,
    amount           NUMERIC(18,2) NOT NULL,
    drawn            NUMERIC(18,2) DEFAULT 0 NOT NULL,
    released         NUMERIC(18,2) DEFAULT 0 NOT NULL,
    held_at          TIMESTAMP     NOT NULL,
    settled_at       TIMESTAMP,
    CONSTRAINT pk_budget_hold PRIMARY KEY (voucher_id, target_kind, target_id),
    CONSTRAINT ck_budget_hold CHECK (drawn >= 0 AND released >= 0 AND drawn + released <= amount)
);
