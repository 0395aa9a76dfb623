-- Payment files delivered at most once, whatever the crash point: why each delivery is in its state, the
-- trail of every delivery transition (who, when, why), and a guard that keeps a payment in one file only.

-- Why the delivery is in its status and since when: the last upload error, what the hub looked for before
-- holding a file as DELIVERY_UNCERTAIN, an operator's reason for confirming or resending it.
ALTER TABLE bank_delivery ADD status_reason VARCHAR(400);
ALTER TABLE bank_delivery ADD status_at TIMESTAMP;
CREATE INDEX ix_bank_delivery_status ON bank_delivery (status, bank_code);

-- Every transition of a delivery, with time and actor; append-only (operators' confirm and resend included).
CREATE TABLE delivery_event (
    event_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    delivery_id     VARCHAR(32)   NOT NULL REFERENCES bank_delivery (delivery_id),
    from_status     VARCHAR(20),
    to_status       VARCHAR(20)   NOT NULL,
    actor           VARCHAR(64)   NOT NULL,
    reason          VARCHAR(400),
    occurred_at     TIMESTAMP     NOT NULL
);
CREATE INDEX ix_delivery_event_delivery ON delivery_event (delivery_id);

-- A payment belongs to a file exactly from its release on: before release it has no delivery, from RELEASED
-- on it has one. A release takes only APPROVED payments, so a payment already in a file can never be put
-- into a second one; and nothing resets a delivery once set. (Written with <> only: H2 2.4 cannot evaluate
-- a CHECK with = or IN against a literal once the session that created it has closed.)
ALTER TABLE payment ADD CONSTRAINT ck_payment_delivery CHECK (
    (delivery_id IS NULL
        OR (status <> 'RECEIVED' AND status <> 'VALIDATED' AND status <> 'RESERVED'
            AND status <> 'PENDING_APPROVAL' AND status <> 'APPROVED' AND status <> 'CANCELLED'))
    AND (delivery_id IS NOT NULL
        OR (status <> 'RELEASED' AND status <> 'SENT' AND status <> 'ACCEPTED' AND status <> 'REJECTED'
            AND status <> 'PAID' AND status <> 'FAILED' AND status <> 'RECEIPTED' AND status <> 'RECONCILED'
            AND status <> 'RETURNED')));
