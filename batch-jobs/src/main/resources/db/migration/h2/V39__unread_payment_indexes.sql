-- Indexes every payroll line wrote and nothing needs (docs/benchmarks.md, payroll). H2 carries out an UPDATE by taking
-- the row out of every index of its table and putting it back, whatever columns change, so each index of payment
-- costs a payroll payment five writes: its insert, then two for the approval's move and two for the release's.
--
-- ix_payment_voucher_bank (voucher_id, bank_code, status, seq) served the render's choice of a file's payments;
-- those reads now go by ix_payment_voucher_status (voucher_id, status, seq), the approvals' index, passing over the
-- other banks' payments in a file's range of numbers.
DROP INDEX ix_payment_voucher_bank;

-- On H2 a foreign key gets an index of its own when it is created, so an index a migration then creates on the same
-- column is a second copy, written by every row and read by nothing the first does not serve (V22 dropped
-- ix_payment_batch, V28 recon_match's foreign key index, for the same reason): ix_payment_event_payment repeats the
-- index of payment_event's foreign key to payment (payment_id: three events per payroll payment), and
-- ix_budget_reservation_indicator the index of budget_reservation's foreign key to budget_indicator (indicator_id:
-- one reservation per payment). A payment's timeline and an indicator's reservations are read through the foreign
-- keys' indexes. PostgreSQL and Oracle index no foreign key: there both indexes stay.
DROP INDEX ix_payment_event_payment;
DROP INDEX ix_budget_reservation_indicator;
