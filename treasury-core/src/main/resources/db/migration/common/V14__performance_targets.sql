-- Performance targets (绩效目标) of budget indicators, loaded with the budget (docs/budget.md, "Performance
-- targets"): by the end of a month, an expected execution rate (measure EXECUTION_RATE, in %), or a target for an
-- output measure (产出指标) with what the agency reports it reached. The monthly report (batch-jobs) lists those
-- behind target as warnings that need the agency's explanation and raises them as alerts. One row per indicator,
-- month and measure: a later file sets it anew, and the row keeps which file, line and document last set it.
CREATE TABLE budget_performance_target (
    target_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    indicator_id     VARCHAR(32)   NOT NULL REFERENCES budget_indicator (indicator_id),
    target_month     INTEGER       NOT NULL,
    measure          VARCHAR(100)  NOT NULL,
    unit             VARCHAR(20),
    target_value     NUMERIC(18,4) NOT NULL,
    actual_value     NUMERIC(18,4),
    import_id        VARCHAR(32)   NOT NULL REFERENCES budget_import (import_id),
    line_no          INTEGER       NOT NULL,
    doc_no           VARCHAR(100)  NOT NULL,
    updated_at       TIMESTAMP     NOT NULL,
    CONSTRAINT uq_performance_target UNIQUE (indicator_id, target_month, measure)
);
