package org.jincai.formats.fiscal;

import java.util.List;
import org.jincai.formats.Problem;

/**
 * An extra check on a voucher of any type, plugged in through {@link FiscalReadOptions#voucherRules()}:
 * regional rules live here as data-driven rules instead of branches in the validator (payment-only rules on
 * the typed record use {@link VoucherRule}). A rule never changes the voucher.
 */
@FunctionalInterface
public interface FiscalVoucherRule {

    /**
     * @param body the envelope body the voucher came in, or {@code null} when a voucher is checked on its own
     * @param voucher the voucher, never {@code null}; {@code voucher.type()} tells its type
     * @param location the voucher's location; append {@code " / detail <Id>"} and {@code " / <Tag>"}
     * @return the problems found; errors unless their code is in {@link FiscalReadOptions#warningCodes()}
     */
    List<Problem> check(VoucherBody body, FiscalVoucher voucher, String location);
}
