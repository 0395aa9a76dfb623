package org.jincai.formats.fiscal.internal;

import org.jincai.formats.fiscal.FiscalDetail;
import org.jincai.formats.fiscal.FiscalVoucher;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherDetail;
import org.jincai.formats.fiscal.VoucherType;
import org.jincai.formats.fiscal.VoucherTypes;

/**
 * Moves a payment voucher between its typed record ({@link PaymentVoucher}) and the generic model
 * ({@link FiscalVoucher}) by walking {@link VoucherFields}, the one table both are built from, so no tag
 * can be lost or renamed on the way.
 */
public final class PaymentMapping {

    private PaymentMapping() {
    }

    public static FiscalVoucher toFiscal(PaymentVoucher p) {
        VoucherType type = VoucherTypes.payment(p.vtCode() == null ? PaymentVoucher.VT_DIRECT_PAYMENT : p.vtCode());
        FiscalVoucher.Builder b = FiscalVoucher.builder(type);
        for (FieldSpec<PaymentVoucher, PaymentVoucher.Builder> f : VoucherFields.HEADER) {
            b.set(f.tag(), f.getter().apply(p));
        }
        b.otherFields(p.otherFields());
        for (VoucherDetail d : p.details()) {
            FiscalDetail.Builder db = FiscalDetail.builder(type);
            for (FieldSpec<VoucherDetail, VoucherDetail.Builder> f : VoucherFields.DETAIL_FIELDS) {
                db.set(f.tag(), f.getter().apply(d));
            }
            db.otherFields(d.otherFields());
            b.addDetail(db.build());
        }
        return b.build();
    }

    public static PaymentVoucher toPayment(FiscalVoucher v) {
        PaymentVoucher.Builder b = PaymentVoucher.builder();
        for (FieldSpec<PaymentVoucher, PaymentVoucher.Builder> f : VoucherFields.HEADER) {
            f.setter().accept(b, v.values().get(f.tag()));
        }
        b.otherFields(v.otherFields());
        for (FiscalDetail d : v.details()) {
            VoucherDetail.Builder db = VoucherDetail.builder();
            for (FieldSpec<VoucherDetail, VoucherDetail.Builder> f : VoucherFields.DETAIL_FIELDS) {
                f.setter().accept(db, d.values().get(f.tag()));
            }
            db.otherFields(d.otherFields());
            b.addDetail(db.build());
        }
        return b.build();
    }
}
