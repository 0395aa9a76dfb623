package org.jincai.formats.fiscal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How strictly vouchers are read, as data (per region or counterpart, from configuration) rather than as
 * branches in code.
 *
 * @param maxEnvelopeBytes an envelope larger than this is refused (ENVELOPE_TOO_LARGE) while it streams in
 * @param maxDetails a voucher must have fewer details than this (ITFE rejects 500 or more)
 * @param maxProblemsPerVoucher problems collected per voucher before the rest are dropped (PROBLEMS_TRUNCATED)
 * @param paymentVtCodes the VtCodes read as payment vouchers (5201, 8202, 5214)
 * @param warningCodes problem codes reported as warnings rather than errors; an error makes a voucher
 *     invalid, a warning does not
 * @param extraRules further rules run after the built-in ones (code lists, regional checks)
 */
public record FiscalReadOptions(
        long maxEnvelopeBytes,
        int maxDetails,
        int maxProblemsPerVoucher,
        Set<String> paymentVtCodes,
        Set<String> warningCodes,
        List<VoucherRule> extraRules) {

    public static final long DEFAULT_MAX_ENVELOPE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_DETAILS = 500;
    public static final int DEFAULT_MAX_PROBLEMS_PER_VOUCHER = 200;
    public static final Set<String> DEFAULT_PAYMENT_VT_CODES = Set.of(
            PaymentVoucher.VT_DIRECT_PAYMENT, PaymentVoucher.VT_AUTHORIZED_PAYMENT, PaymentVoucher.VT_INTEGRATED_PAYMENT);
    public static final Set<String> DEFAULT_WARNING_CODES = Set.of(
            FiscalCodes.DETAIL_BILL_MISMATCH,
            FiscalCodes.LEGACY_FIELD_MAPPED,
            FiscalCodes.VOUCHER_ENCODING_NOT_GBK,
            FiscalCodes.UNSUPPORTED_ELEMENT);

    public FiscalReadOptions {
        if (maxEnvelopeBytes <= 0 || maxDetails <= 0 || maxProblemsPerVoucher <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        paymentVtCodes = Set.copyOf(paymentVtCodes);
        warningCodes = Set.copyOf(warningCodes);
        extraRules = List.copyOf(extraRules);
    }

    public static FiscalReadOptions defaults() {
        return new FiscalReadOptions(DEFAULT_MAX_ENVELOPE_BYTES, DEFAULT_MAX_DETAILS, DEFAULT_MAX_PROBLEMS_PER_VOUCHER,
                DEFAULT_PAYMENT_VT_CODES, DEFAULT_WARNING_CODES, List.of());
    }

    public FiscalReadOptions withMaxEnvelopeBytes(long bytes) {
        return new FiscalReadOptions(bytes, maxDetails, maxProblemsPerVoucher, paymentVtCodes, warningCodes, extraRules);
    }

    public FiscalReadOptions withMaxDetails(int details) {
        return new FiscalReadOptions(maxEnvelopeBytes, details, maxProblemsPerVoucher, paymentVtCodes, warningCodes, extraRules);
    }

    public FiscalReadOptions withMaxProblemsPerVoucher(int problems) {
        return new FiscalReadOptions(maxEnvelopeBytes, maxDetails, problems, paymentVtCodes, warningCodes, extraRules);
    }

    public FiscalReadOptions withPaymentVtCodes(Set<String> codes) {
        return new FiscalReadOptions(maxEnvelopeBytes, maxDetails, maxProblemsPerVoucher, codes, warningCodes, extraRules);
    }

    /** These codes become warnings (in addition to the current ones). */
    public FiscalReadOptions withWarnings(String... codes) {
        Set<String> w = new HashSet<>(warningCodes);
        w.addAll(List.of(codes));
        return new FiscalReadOptions(maxEnvelopeBytes, maxDetails, maxProblemsPerVoucher, paymentVtCodes, w, extraRules);
    }

    /** These codes become errors again (e.g. a profile that refuses legacy tags). */
    public FiscalReadOptions withErrors(String... codes) {
        Set<String> w = new HashSet<>(warningCodes);
        w.removeAll(List.of(codes));
        return new FiscalReadOptions(maxEnvelopeBytes, maxDetails, maxProblemsPerVoucher, paymentVtCodes, w, extraRules);
    }

    public FiscalReadOptions withExtraRule(VoucherRule rule) {
        List<VoucherRule> r = new ArrayList<>(extraRules);
        r.add(rule);
        return new FiscalReadOptions(maxEnvelopeBytes, maxDetails, maxProblemsPerVoucher, paymentVtCodes, warningCodes, r);
    }

    public boolean isWarning(String code) {
        return warningCodes.contains(code);
    }
}
