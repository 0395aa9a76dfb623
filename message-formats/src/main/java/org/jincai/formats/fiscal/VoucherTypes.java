package org.jincai.formats.fiscal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jincai.formats.fiscal.internal.VoucherTables;

/**
 * The registry of voucher types the hub reads and writes, by VtCode: the standard's types below, to which
 * a deployment adds its regional types as data ({@link #with(VoucherType)}) and hands the result to
 * {@link FiscalReadOptions#withVoucherTypes(VoucherTypes)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class VoucherTypes {

    /** 5201 财政直接支付凭证. */
    public static final VoucherType DIRECT_PAYMENT = VoucherTables.payment(PaymentVoucher.VT_DIRECT_PAYMENT, "财政直接支付凭证");
    /** 8202 财政授权支付凭证. */
    public static final VoucherType AUTHORIZED_PAYMENT = VoucherTables.payment(PaymentVoucher.VT_AUTHORIZED_PAYMENT, "财政授权支付凭证");
    /** 5214 一体化支付凭证 (PayTypeCode 1 国库集中支付). */
    public static final VoucherType INTEGRATED_PAYMENT = VoucherTables.payment(PaymentVoucher.VT_INTEGRATED_PAYMENT, "国库集中支付凭证（一体化）");
    /** 5212, a payment voucher of the integrated budget systems (its name is not in public sources). */
    public static final VoucherType INTEGRATED_PAYMENT_5212 = VoucherTables.payment(PaymentVoucher.VT_INTEGRATED_PAYMENT_5212, "支付凭证（一体化，5212）");
    /** 8207 财政批量业务支付明细. */
    public static final VoucherType BATCH_PAYMENT_DETAIL = VoucherTables.batchPaymentDetail();
    /** 5106 授权支付清算额度通知单. */
    public static final VoucherType AUTHORIZED_CLEARING_QUOTA = VoucherTables.authorizedClearingQuota();
    /** 5108 直接支付清算额度通知单. */
    public static final VoucherType DIRECT_CLEARING_QUOTA = VoucherTables.directClearingQuota();
    /** 2301 申请划款凭证. */
    public static final VoucherType CLEARING_REQUEST = VoucherTables.clearingRequest();
    /** 2302 申请退款凭证. */
    public static final VoucherType REFUND_CLEARING_REQUEST = VoucherTables.refundClearingRequest();
    /** 2203 财政直接支付退款通知书. */
    public static final VoucherType DIRECT_REFUND_NOTICE = VoucherTables.directRefundNotice();
    /** 2252 收款银行退款通知. */
    public static final VoucherType PAYEE_BANK_REFUND_NOTICE = VoucherTables.payeeBankRefundNotice();

    private static final VoucherTypes STANDARD = new VoucherTypes(Map.of())
            .with(DIRECT_PAYMENT)
            .with(AUTHORIZED_PAYMENT)
            .with(INTEGRATED_PAYMENT)
            .with(INTEGRATED_PAYMENT_5212)
            .with(BATCH_PAYMENT_DETAIL)
            .with(AUTHORIZED_CLEARING_QUOTA)
            .with(DIRECT_CLEARING_QUOTA)
            .with(CLEARING_REQUEST)
            .with(REFUND_CLEARING_REQUEST)
            .with(DIRECT_REFUND_NOTICE)
            .with(PAYEE_BANK_REFUND_NOTICE);

    private static final Map<String, VoucherType> OTHER_PAYMENTS = new ConcurrentHashMap<>();

    private final Map<String, VoucherType> byVtCode;

    private VoucherTypes(Map<String, VoucherType> byVtCode) {
        this.byVtCode = Collections.unmodifiableMap(new LinkedHashMap<>(byVtCode));
    }

    /** The standard's types: 5201, 8202, 5214, 5212, 8207, 5106, 5108, 2301, 2302, 2203, 2252. */
    public static VoucherTypes standard() {
        return STANDARD;
    }

    /**
     * The payment voucher type under {@code vtCode}: the standard's constant for 5201 / 8202 / 5214 / 5212, else
     * the payment tables under that VtCode (a region reading another code as a payment, see
     * {@link FiscalReadOptions#paymentVtCodes()}).
     */
    public static VoucherType payment(String vtCode) {
        if (vtCode == null) {
            return DIRECT_PAYMENT;
        }
        VoucherType known = STANDARD.byVtCode.get(vtCode);
        if (known != null && known.family() == VoucherFamily.PAYMENT) {
            return known;
        }
        VoucherType other = OTHER_PAYMENTS.get(vtCode);
        if (other == null) {
            other = DIRECT_PAYMENT.toBuilder().vtCode(vtCode, "payment voucher " + vtCode).build();
            if (OTHER_PAYMENTS.size() < 256) {
                // VtCodes come from input: remember a few, never grow without bound
                OTHER_PAYMENTS.putIfAbsent(vtCode, other);
            }
        }
        return other;
    }

    /** A registry with {@code type} added, or replacing the type of its VtCode. */
    public VoucherTypes with(VoucherType type) {
        Map<String, VoucherType> m = new LinkedHashMap<>(byVtCode);
        m.put(type.vtCode(), type);
        return new VoucherTypes(m);
    }

    public Optional<VoucherType> find(String vtCode) {
        return Optional.ofNullable(vtCode == null ? null : byVtCode.get(vtCode));
    }

    public Collection<VoucherType> all() {
        return byVtCode.values();
    }

    @Override
    public String toString() {
        return "VoucherTypes" + byVtCode.keySet();
    }
}
