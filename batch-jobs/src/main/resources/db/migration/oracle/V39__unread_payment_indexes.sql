-- Indexes every payroll line wrote and nothing needs (docs/benchmarks.md, payroll): each index of payment costs a
-- payroll payment a write at its insert and at each of the approval's and the release's moves (both change status).
-- ix_payment_voucher_bank (voucher_id, bank_code, status, seq) served the render's choice of a file's payments;
-- those reads now go by ix_payment_voucher_status (voucher_id, status, seq), the approvals' index, passing over the
-- other banks' payments in a file's range of numbers.
DROP INDEX ix_payment_voucher_bank;
