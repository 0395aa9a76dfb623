-- A payroll line's payment is its run voucher's payment numbered by the line (payment: uq_payment_voucher_seq on
-- voucher_id, seq; payroll_run.voucher_id), so the line no longer carries the payment's id: the payments step
-- writes no line a second time (docs/payroll.md, docs/benchmarks.md). Dropping the column drops its foreign key
-- and uq_payroll_line_payment with it.
ALTER TABLE payroll_line DROP COLUMN payment_id;
