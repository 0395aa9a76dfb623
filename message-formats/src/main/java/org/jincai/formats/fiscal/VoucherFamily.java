package org.jincai.formats.fiscal;

/**
 * A family of voucher types that share one inner-voucher layout and one XSD of the hub's own
 * ({@code org/jincai/formats/fiscal/xsd/<schema>}); types inside a family differ in VtCode and in a few
 * fields or rules (2302 adds the refund fields to 2301, 5106 counts its limits per agency).
 */
public enum VoucherFamily {

    /** 5201 财政直接支付凭证, 8202 财政授权支付凭证, 5214 一体化支付凭证, and their receipts (回单). */
    PAYMENT("payment-voucher.xsd"),
    /** 8207 财政批量业务支付明细: the payroll / batch lines of a main payment voucher. */
    BATCH_PAYMENT_DETAIL("batch-payment-detail.xsd"),
    /** 5106 授权支付清算额度通知单, 5108 直接支付清算额度通知单. */
    CLEARING_QUOTA_NOTICE("clearing-quota-notice.xsd"),
    /** 2301 申请划款凭证, 2302 申请退款凭证, and their receipts. */
    CLEARING_REQUEST("clearing-request.xsd"),
    /** 2203 财政直接支付退款通知书, 2252 收款银行退款通知. */
    REFUND_NOTICE("refund-notice.xsd"),
    /** A type defined by configuration outside the families above; it has no XSD of the hub's. */
    OTHER(null);

    private final String schema;

    VoucherFamily(String schema) {
        this.schema = schema;
    }

    /** The XSD file name under {@code org/jincai/formats/fiscal/xsd/}, {@code null} for {@link #OTHER}. */
    public String schema() {
        return schema;
    }
}
