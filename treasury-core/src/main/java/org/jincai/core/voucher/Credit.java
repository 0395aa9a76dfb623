package org.jincai.core.voucher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jincai.core.controls.FiscalControls;
import org.jincai.core.payment.BudgetClassification;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherDetail;

/**
 * One credit a payment voucher pays: one per detail, or the header payee when the voucher has no details.
 * {@code detailId} is null for the header payee; {@code classification} is the budget subject it is paid from.
 */
record Credit(String detailId, String payeeAccount, String payeeName, String payeeBankName, String payeeBankNo,
              BigDecimal amount, BudgetClassification classification) {

    static List<Credit> of(PaymentVoucher v) {
        if (v.details().isEmpty()) {
            return List.of(new Credit(null, v.payeeAcctNo(), v.payeeAcctName(), v.payeeAcctBankName(),
                    v.payeeAcctBankNo(), v.payAmt(), FiscalControls.classification(v, null)));
        }
        List<Credit> credits = new ArrayList<>();
        for (VoucherDetail d : v.details()) {
            credits.add(new Credit(d.id(), d.payeeAcctNo(), d.payeeAcctName(), d.payeeAcctBankName(),
                    d.payeeAcctBankNo(), d.payAmt(), FiscalControls.classification(v, d)));
        }
        return credits;
    }

    /** Where this credit's fields are, inside the voucher at {@code voucherLocation}. */
    String location(String voucherLocation) {
        return detailId == null ? voucherLocation : voucherLocation + " / detail " + detailId;
    }
}
