package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * The rules a payment voucher (5201 / 8202 / 5214 / 5212) must meet before the hub acts on it: the typed view of
 * {@link FiscalVoucherValidator} over the payment tables, after ITFE's receiving checks and the M marks of
 * the standard's §4 — a payment VtCode, envelope attributes equal to the voucher's own fields (a mismatch
 * once broke 签收 in Ningxia), required fields, PayAmt equal to the sum of the details (主单金额与明细累计金额不相等
 * otherwise), detail Ids present and unique, fewer than 500 details, amounts positive with exactly two
 * decimals, batch lines with a payee bank number, on a receipt (回单) the bank's X-fields, then the code
 * lists and the extra rules.
 *
 * <p>It only reads: the voucher is never changed, and every problem carries a stable code from
 * {@link FiscalCodes} and a location ending with the tag concerned.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class PaymentVoucherValidator {

    private final FiscalVoucherValidator validator;

    public PaymentVoucherValidator() {
        this(FiscalReadOptions.defaults());
    }

    public PaymentVoucherValidator(FiscalReadOptions options) {
        this.validator = new FiscalVoucherValidator(options);
    }

    /** All problems of {@code voucher} as carried in {@code body}, envelope consistency included. */
    public List<Problem> validate(VoucherBody body, PaymentVoucher voucher) {
        return validator.validate(body, FiscalVoucher.of(voucher));
    }

    /** The problems of a voucher on its own (no envelope), e.g. one the hub built before writing it. */
    public List<Problem> validate(PaymentVoucher voucher, int voucherFlag) {
        return validator.validate(FiscalVoucher.of(voucher), voucherFlag);
    }
}
