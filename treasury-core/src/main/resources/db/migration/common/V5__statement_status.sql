-- What each statement line is, not only what it booked: the entry's status as the bank gave it (BOOK, PDNG,
-- INFO; only BOOK pays), the file it came in, the payment file a batch entry booked as a whole, why a line
-- pays nothing, and the later file that booked what a pending line announced. Lines kept before this
-- migration have no status recorded. The amount becomes optional in V5_1 (per database: a batch's TxDtls may
-- carry none).
ALTER TABLE statement_entry ADD status VARCHAR(35);
ALTER TABLE statement_entry ADD file_name VARCHAR(200);
ALTER TABLE statement_entry ADD delivery_id VARCHAR(32);
ALTER TABLE statement_entry ADD reason VARCHAR(400);
ALTER TABLE statement_entry ADD settled_by VARCHAR(200);
CREATE INDEX ix_statement_entry_status ON statement_entry (bank_code, status);
CREATE INDEX ix_statement_entry_e2e ON statement_entry (end_to_end_id);

-- What the reader found wrong in a statement it still applied (an element of a foreign namespace, balances
-- that do not add up, a schema deviation read leniently), kept with the statement for operators.
CREATE TABLE statement_warning (
    warning_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    bank_code       VARCHAR(20)   NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    statement_id    VARCHAR(64),
    code            VARCHAR(40)   NOT NULL,
    location        VARCHAR(200),
    message         VARCHAR(400)  NOT NULL,
    received_at     TIMESTAMP     NOT NULL
);
CREATE INDEX ix_statement_warning_file ON statement_warning (bank_code, file_name);
