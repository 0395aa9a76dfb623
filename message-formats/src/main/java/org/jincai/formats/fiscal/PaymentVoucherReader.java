package org.jincai.formats.fiscal;

import org.jincai.formats.fiscal.internal.Locations;
import org.jincai.formats.fiscal.internal.ProblemCollector;

/**
 * Reads the inner payment voucher (5201 / 8202 / 5214 / 5212) of one envelope body and checks it: the typed
 * view of {@link FiscalVoucherReader} that refuses every other VtCode of the registry (UNSUPPORTED_VT_CODE,
 * no voucher), so an intake that pays only payment vouchers never reads a quota notice as one. A VtCode
 * outside the registry is read as a payment only when its body has the payment voucher's shape, with
 * VT_CODE_UNLISTED (refused unless {@link FiscalReadOptions#acceptUnlistedPaymentVtCodes()}). Charset, secure parsing,
 * legacy tags, rules and code lists are those of the generic reader; a body without an envelope VtCode is
 * read as a payment voucher.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class PaymentVoucherReader {

    private final FiscalReadOptions options;
    private final FiscalVoucherReader reader;

    public PaymentVoucherReader() {
        this(FiscalReadOptions.defaults());
    }

    public PaymentVoucherReader(FiscalReadOptions options) {
        this.options = options;
        this.reader = new FiscalVoucherReader(options);
    }

    public VoucherReadResult read(VoucherBody body) {
        boolean listed = body.vtCode() == null || options.typeOf(body.vtCode()) != null;
        if (!listed) {
            // not in the registry: a payment when its body has the payment voucher's shape (VT_CODE_UNLISTED)
            FiscalReadResult r = reader.read(body);
            PaymentVoucher payment = r.isPayment() ? r.voucher().toPayment() : null;
            return new VoucherReadResult(body, payment, r.errors(), r.warnings());
        }
        if (body.vtCode() != null && !options.paymentVtCodes().contains(body.vtCode())) {
            // another voucher type (a quota notice, a clearing request) is not read as a payment at all
            ProblemCollector problems = new ProblemCollector(options);
            String where = Locations.voucher(body.location(), body.voucherNo(), null);
            problems.add(FiscalCodes.UNSUPPORTED_VT_CODE,
                    "VtCode " + body.vtCode() + " is not a payment voucher type " + options.paymentVtCodes(), Locations.field(where, "VtCode"));
            return new VoucherReadResult(body, null, problems.errors(), problems.warnings());
        }
        VoucherType type = VoucherTypes.payment(body.vtCode() == null ? PaymentVoucher.VT_DIRECT_PAYMENT : body.vtCode());
        FiscalReadResult r = reader.readAs(body, type);
        return new VoucherReadResult(body, r.voucher() == null ? null : r.voucher().toPayment(), r.errors(), r.warnings());
    }
}
