-- Intake answered once per voucher: vouchers know the inbox intake that stored them, and the answers the hub
-- sends upstream for vouchers it did not store are kept once each.

-- The inbox intake (intake_file) that stored a voucher: an interrupted intake, resumed, recognises its own
-- vouchers as taken rather than as duplicates.
ALTER TABLE voucher ADD intake_id VARCHAR(32);

-- Answers for vouchers the hub did not store, sent to a finance system's outbox: the return (退回, VoucherFlag 2)
-- of a refused voucher, or the duplicate notice of a voucher whose key was already taken (never a return, so it
-- cannot be read as a return of the original). notice_key is the SHA-256 of what the answer is about (the
-- voucher's key and bytes for a return; also the file and position for a duplicate notice): a replay sends nothing
-- twice. The key columns hold the voucher's key as received, cut to fit.
CREATE TABLE voucher_notice (
    notice_id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    notice_key      VARCHAR(64)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    finance_system  VARCHAR(32)   NOT NULL,
    adm_div_code    VARCHAR(9),
    st_year         VARCHAR(4),
    vt_code         VARCHAR(4),
    voucher_no      VARCHAR(40),
    codes           VARCHAR(400)  NOT NULL,
    file_name       VARCHAR(200)  NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    CONSTRAINT uq_voucher_notice UNIQUE (notice_key)
);
