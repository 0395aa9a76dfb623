package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * An extra check on a payment voucher, plugged in through {@link FiscalReadOptions#extraRules()}: code-list
 * checks (资金性质, 支出功能分类, 结算方式 … versioned by region and year) and regional rules live here as data
 * driven rules instead of branches in the validator. A rule never changes the voucher.
 */
@FunctionalInterface
public interface VoucherRule {

    /**
     * @param body the envelope body the voucher came in, or {@code null} when a voucher is checked on its own
     * @param voucher the voucher, never {@code null}
     * @param location the voucher's location ({@code envelope body 3 / voucher T2026…}); append
     *     {@code " / detail <Id>"} and {@code " / <Tag>"} as the built-in rules do
     * @return the problems found, empty when none; they count as errors unless their code is listed in
     *     {@link FiscalReadOptions#warningCodes()}
     */
    List<Problem> check(VoucherBody body, PaymentVoucher voucher, String location);
}
