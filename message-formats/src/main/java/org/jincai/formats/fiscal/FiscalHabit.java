package org.jincai.formats.fiscal;

/**
 * An older habit of finance systems that the standard's tables do not allow but real vouchers show (a 2014
 * municipal 8207, reference §5): read in lenient mode with a warning of the habit's code and a mapped value,
 * when the finance system's profile allows the habit ({@link FiscalReadOptions#habits()}); refused with the
 * same code otherwise, and always in strict mode.
 */
public enum FiscalHabit {

    /** The header has no {@code Id}; the voucher's VoucherNo stands in for it. */
    HEADER_ID_ABSENT(FiscalCodes.HEADER_ID_ABSENT),
    /** A date given as {@code yyyy-MM-dd HH:mm:ss} (XPayDate) or {@code yyyy-MM-dd}; its date is read. */
    DATE_WITH_TIME(FiscalCodes.DATE_WITH_TIME),
    /** A three-digit PayTypeCode of the old hierarchical list (121); read as its two-digit parent (12). */
    PAY_TYPE_CODE_THREE_DIGITS(FiscalCodes.PAY_TYPE_CODE_THREE_DIGITS);

    private final String code;

    FiscalHabit(String code) {
        this.code = code;
    }

    /** The problem code reported when a voucher shows the habit. */
    public String code() {
        return code;
    }

    /** The habit reported under {@code code}, {@code null} when the code is not a habit's. */
    public static FiscalHabit ofCode(String code) {
        for (FiscalHabit h : values()) {
            if (h.code.equals(code)) {
                return h;
            }
        }
        return null;
    }
}
