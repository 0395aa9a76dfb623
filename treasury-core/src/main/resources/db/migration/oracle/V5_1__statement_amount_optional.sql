-- A statement line's amount becomes optional: the TxDtls of a batch-booked entry may carry none (the bank
-- booked the file's total), and such a line is kept as the bank sent it rather than with an invented amount.
ALTER TABLE statement_entry MODIFY (amount NULL);
