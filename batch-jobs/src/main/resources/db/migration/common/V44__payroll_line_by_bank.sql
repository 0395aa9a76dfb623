-- A run's valid lines of one bank in line order, with their amounts: the render plans each bank's files from the index
-- alone (line numbers and amounts, no line read) and reads each file's lines (twice to write the file, once to record
-- its payments) by a range of its line numbers. Through the key (run, line) every such read also passed over the
-- other banks' lines of the range, three times the rows with three banks, and the plan read every line.
CREATE INDEX ix_payroll_line_bank ON payroll_line (run_id, bank_code, state, line_no, amount);
