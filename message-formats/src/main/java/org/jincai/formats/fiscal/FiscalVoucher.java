package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jincai.formats.fiscal.internal.PaymentMapping;

/**
 * A voucher of any supported type (the inner {@code <Voucher>} of an envelope body): the header values of
 * its type's table, the tags the table does not model, and its details. Every type shares the header core
 * (Id, AdmDivCode, StYear, VtCode, VouDate, VoucherNo), which has typed accessors here; every other field
 * is read by its standard tag: {@code voucher.amount("PlanAmt")}, {@code voucher.text("TreCode")}.
 * Asking for a tag the type does not model, or for a date as an amount, is an
 * {@link IllegalArgumentException}, so a misspelt tag fails at once rather than reading as absent.
 *
 * <p>A payment voucher (5201 / 8202 / 5214 / 5212) is also available as the typed {@link PaymentVoucher} through
 * {@link #toPayment()} and {@link #of(PaymentVoucher)}; both views carry the same tags.
 *
 * <p>Immutable; change it through {@link #toBuilder()} or {@link #with(String, Object)}.
 */
public final class FiscalVoucher extends FiscalFields {

    /** {@code Id} 凭证ID. */
    public static final String ID = "Id";
    /** {@code AdmDivCode} 行政区划代码. */
    public static final String ADM_DIV_CODE = "AdmDivCode";
    /** {@code StYear} 业务年度. */
    public static final String ST_YEAR = "StYear";
    /** {@code VtCode} 凭证类型编号. */
    public static final String VT_CODE = "VtCode";
    /** {@code VouDate} 凭证日期. */
    public static final String VOU_DATE = "VouDate";
    /** {@code VoucherNo} 凭证号. */
    public static final String VOUCHER_NO = "VoucherNo";

    private final VoucherType type;
    private final List<FiscalDetail> details;

    private FiscalVoucher(VoucherType type, Map<String, Object> values, Map<String, String> otherFields, List<FiscalDetail> details) {
        super(values, otherFields);
        this.type = type;
        this.details = List.copyOf(details);
    }

    /**
     * A builder of a voucher of {@code type} with every field empty, VtCode included (see
     * {@link VoucherType#newVoucher()} for one with VtCode set).
     */
    public static Builder builder(VoucherType type) {
        return new Builder(type);
    }

    /** The payment voucher's fields under the payment type of its VtCode (5201 when it has none). */
    public static FiscalVoucher of(PaymentVoucher payment) {
        return PaymentMapping.toFiscal(payment);
    }

    /**
     * The typed payment view of this voucher.
     *
     * @throws IllegalStateException when the voucher is not of the payment family
     */
    public PaymentVoucher toPayment() {
        if (type.family() != VoucherFamily.PAYMENT) {
            throw new IllegalStateException(type.vtCode() + " is not a payment voucher");
        }
        return PaymentMapping.toPayment(this);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.values.putAll(values());
        b.otherFields.putAll(otherFields());
        b.details.addAll(details);
        return b;
    }

    /** A copy with one modelled header value changed ({@code null} removes it). */
    public FiscalVoucher with(String tag, Object value) {
        return toBuilder().set(tag, value).build();
    }

    /** A copy with these details instead of the current ones (per-line receipt results). */
    public FiscalVoucher withDetails(List<FiscalDetail> newDetails) {
        return toBuilder().details(newDetails).build();
    }

    @Override
    Map<String, FieldDef> table() {
        return type.headerTable();
    }

    @Override
    String what() {
        return "header of " + type.vtCode();
    }

    /** The table the voucher was read or built with. */
    public VoucherType type() {
        return type;
    }

    public List<FiscalDetail> details() {
        return details;
    }

    public String id() {
        return text(ID);
    }

    public String admDivCode() {
        return text(ADM_DIV_CODE);
    }

    public String stYear() {
        return text(ST_YEAR);
    }

    public String vtCode() {
        return text(VT_CODE);
    }

    public LocalDate vouDate() {
        return type.headerTable().containsKey(VOU_DATE) ? date(VOU_DATE) : null;
    }

    public String voucherNo() {
        return text(VOUCHER_NO);
    }

    /**
     * The header amount of the type's first total rule (PayAmt, SumAmt or PlanAmt), {@code null} when the
     * type has no total rule or the amount is absent.
     */
    public BigDecimal total() {
        return type.totals().isEmpty() ? null : amount(type.totals().get(0).headerTag());
    }

    /**
     * The sum of a detail amount over all details; {@code null} when a detail lacks it, zero without details.
     */
    public BigDecimal detailSum(String detailTag) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (FiscalDetail d : details) {
            BigDecimal a = d.amount(detailTag);
            if (a == null) {
                return null;
            }
            sum = sum.add(a);
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FiscalVoucher v
                && type.vtCode().equals(v.type.vtCode())
                && sameValues(v)
                && details.equals(v.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type.vtCode(), valuesHash(), details);
    }

    @Override
    public String toString() {
        return "FiscalVoucher[" + type.vtCode() + " " + values() + (otherFields().isEmpty() ? "" : " + " + otherFields())
                + ", " + details.size() + " details]";
    }

    /** Fluent, mutable builder of a voucher and its details; {@link #build()} copies, so a builder can be reused. */
    public static final class Builder extends FieldsBuilder<Builder> {
        private final VoucherType type;
        private final List<FiscalDetail> details = new ArrayList<>();

        private Builder(VoucherType type) {
            super(Objects.requireNonNull(type, "type").headerTable(), "header of " + type.vtCode());
            this.type = type;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder details(List<FiscalDetail> newDetails) {
            details.clear();
            newDetails.forEach(this::addDetail);
            return this;
        }

        /** @throws IllegalArgumentException when the detail was built for a type with another detail table */
        public Builder addDetail(FiscalDetail detail) {
            if (detail.type() != type && !detail.type().detail().equals(type.detail())) {
                throw new IllegalArgumentException("a detail of " + detail.type().vtCode() + " does not fit a voucher of " + type.vtCode());
            }
            details.add(detail);
            return this;
        }

        public FiscalVoucher build() {
            return new FiscalVoucher(type, values, otherFields, details);
        }
    }
}
