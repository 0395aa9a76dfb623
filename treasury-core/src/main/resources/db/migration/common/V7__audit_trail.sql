-- The audit trail (操作留痕): every state change and user action, appended, never updated or deleted.
-- Records are hash-chained: record_hash = SHA-256 of the record's canonical content and of prev_hash, the
-- previous record's hash (64 zeros for the first). seq orders the chain; audit_head holds its end, taken
-- FOR UPDATE by each append so that the chain has one order whatever the threads and nodes.
CREATE TABLE audit_record (
    seq             NUMERIC(19)   NOT NULL PRIMARY KEY,
    record_id       VARCHAR(32)   NOT NULL,
    occurred_at     TIMESTAMP     NOT NULL,
    actor           VARCHAR(64)   NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    object_type     VARCHAR(32)   NOT NULL,
    object_id       VARCHAR(200)  NOT NULL,
    before_state    VARCHAR(2000),
    after_state     VARCHAR(2000),
    reason          VARCHAR(1000),
    prev_hash       VARCHAR(64)   NOT NULL,
    record_hash     VARCHAR(64)   NOT NULL,
    CONSTRAINT uq_audit_record_id UNIQUE (record_id)
);
CREATE INDEX ix_audit_record_object ON audit_record (object_type, object_id);

CREATE TABLE audit_head (
    head_id         INTEGER       NOT NULL PRIMARY KEY,
    last_seq        NUMERIC(19)   NOT NULL,
    last_hash       VARCHAR(64)   NOT NULL
);
INSERT INTO audit_head (head_id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
