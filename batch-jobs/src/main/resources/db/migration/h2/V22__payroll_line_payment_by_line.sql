-- A payroll line's payment is its run voucher's payment numbered by the line (payment: uq_payment_voucher_seq on
-- voucher_id, seq; payroll_run.voucher_id), so the line no longer carries the payment's id: the payments step
-- writes no line a second time (docs/payroll.md, docs/benchmarks.md). Dropping the column drops its foreign key
-- and uq_payroll_line_payment with it.
ALTER TABLE payroll_line DROP COLUMN payment_id;

-- On H2 a foreign key gets an index of its own when it is created (payment.batch_id's, since V1), so V18's
-- ix_payment_batch is a second index on the same column, written by every insert and release of a payment and read
-- by nothing the first does not serve. PostgreSQL and Oracle index no foreign key: there ix_payment_batch stays.
DROP INDEX ix_payment_batch;
