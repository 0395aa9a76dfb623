package org.jincai.formats.fiscal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jincai.formats.fiscal.codes.CodeLists;
import org.jincai.formats.fiscal.sign.VoucherVerifier;

/**
 * How strictly vouchers are read, as data (per region or counterpart, from configuration) rather than as
 * branches in code.
 *
 * @param maxEnvelopeBytes an envelope larger than this is refused (ENVELOPE_TOO_LARGE) while it streams in
 * @param maxDetails a voucher must have fewer details than this (ITFE rejects 500 or more); for a type that
 *     limits per agency (5106) the limit counts the lines of each agency
 * @param maxProblemsPerVoucher problems collected per voucher before the rest are dropped (PROBLEMS_TRUNCATED)
 * @param paymentVtCodes the VtCodes read as payment vouchers (5201, 8202, 5214, 5212); the only ones
 *     {@link FiscalEnvelopes#readPayments} accepts
 * @param warningCodes problem codes reported as warnings rather than errors; an error makes a voucher
 *     invalid, a warning does not
 * @param extraRules further rules on payment vouchers, run after the built-in ones
 * @param voucherRules further rules on vouchers of any type, run after the built-in ones
 * @param voucherTypes the types {@link FiscalEnvelopes#read} accepts, by VtCode
 * @param codeLists the code lists coded fields are checked against ({@link CodeLists#none()} checks none);
 *     unknown codes are UNKNOWN_CODE, malformed ones CODE_FORMAT_INVALID, both warnings by default
 * @param maxAgencies a type that limits per agency (5106) must name fewer agencies than this (ITFE: 1000)
 * @param batchBusinessTypeCodes BusinessTypeCode values meaning a batch, whose lines need PayeeAcctBankNo
 * @param strictSchema also validate each inner voucher against the hub's XSD of its family (XSD_INVALID)
 * @param signatureVerifier when set, every signature a body carries must verify over the base64 text of its
 *     {@code <Voucher>} (SIGNATURE_INVALID, CERTIFICATE_UNKNOWN, …); {@code null} verifies none
 * @param mode {@link Mode#LENIENT} reads what finance systems really send with warnings (the allowed habits,
 *     FIELD_UNLISTED); {@link Mode#STRICT} refuses every habit and every unlisted field
 * @param habits the older habits a finance system may use, read with a warning in lenient mode
 * @param acceptUnlistedPaymentVtCodes a VtCode outside the registry whose body has the payment voucher's shape
 *     is read as a payment voucher; true: with a VT_CODE_UNLISTED warning, false: refused with it
 * @param signatureRequired with a verifier, a body without a signature is refused (SIGNATURE_MISSING)
 */
public record FiscalReadOptions(
        long maxEnvelopeBytes,
        int maxDetails,
        int maxProblemsPerVoucher,
        Set<String> paymentVtCodes,
        Set<String> warningCodes,
        List<VoucherRule> extraRules,
        List<FiscalVoucherRule> voucherRules,
        VoucherTypes voucherTypes,
        CodeLists codeLists,
        int maxAgencies,
        Set<String> batchBusinessTypeCodes,
        boolean strictSchema,
        VoucherVerifier signatureVerifier,
        Mode mode,
        Set<FiscalHabit> habits,
        boolean acceptUnlistedPaymentVtCodes,
        boolean signatureRequired) {

    /** How forgiving the reader is with what the standard's tables do not say. */
    public enum Mode {
        /** The allowed habits and unlisted fields are read, each with a warning. */
        LENIENT,
        /** Every habit and every unlisted field is refused. */
        STRICT
    }

    public static final long DEFAULT_MAX_ENVELOPE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_DETAILS = 500;
    public static final int DEFAULT_MAX_AGENCIES = 1000;
    public static final int DEFAULT_MAX_PROBLEMS_PER_VOUCHER = 200;
    public static final Set<String> DEFAULT_PAYMENT_VT_CODES = Set.of(
            PaymentVoucher.VT_DIRECT_PAYMENT, PaymentVoucher.VT_AUTHORIZED_PAYMENT, PaymentVoucher.VT_INTEGRATED_PAYMENT,
            PaymentVoucher.VT_INTEGRATED_PAYMENT_5212);
    /** 4 批量 (ITFE, Shanghai). */
    public static final Set<String> DEFAULT_BATCH_BUSINESS_TYPE_CODES = Set.of("4");
    public static final Set<String> DEFAULT_WARNING_CODES = Set.of(
            FiscalCodes.DETAIL_BILL_MISMATCH,
            FiscalCodes.LEGACY_FIELD_MAPPED,
            FiscalCodes.VOUCHER_ENCODING_NOT_GBK,
            FiscalCodes.UNSUPPORTED_ELEMENT,
            FiscalCodes.UNKNOWN_CODE,
            FiscalCodes.CODE_FORMAT_INVALID,
            FiscalCodes.EXP_FUNC_SPLIT_MISMATCH);

    public FiscalReadOptions {
        if (maxEnvelopeBytes <= 0 || maxDetails <= 0 || maxProblemsPerVoucher <= 0 || maxAgencies <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        paymentVtCodes = Set.copyOf(paymentVtCodes);
        warningCodes = Set.copyOf(warningCodes);
        extraRules = List.copyOf(extraRules);
        voucherRules = List.copyOf(voucherRules);
        voucherTypes = Objects.requireNonNull(voucherTypes, "voucherTypes");
        codeLists = Objects.requireNonNull(codeLists, "codeLists");
        batchBusinessTypeCodes = Set.copyOf(batchBusinessTypeCodes);
        mode = Objects.requireNonNull(mode, "mode");
        habits = habits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(habits));
    }

    /** The options as they were before types, code lists and signatures came in; those take their defaults. */
    public FiscalReadOptions(long maxEnvelopeBytes, int maxDetails, int maxProblemsPerVoucher, Set<String> paymentVtCodes,
            Set<String> warningCodes, List<VoucherRule> extraRules) {
        this(maxEnvelopeBytes, maxDetails, maxProblemsPerVoucher, paymentVtCodes, warningCodes, extraRules, List.of(),
                VoucherTypes.standard(), CodeLists.standard(), DEFAULT_MAX_AGENCIES, DEFAULT_BATCH_BUSINESS_TYPE_CODES, false, null,
                Mode.LENIENT, EnumSet.allOf(FiscalHabit.class), false, false);
    }

    /**
     * The standard's types, the bundled code lists (unknown codes warn), no XSD, no signature verification,
     * lenient mode with every habit allowed, unlisted VtCodes refused.
     */
    public static FiscalReadOptions defaults() {
        return new FiscalReadOptions(DEFAULT_MAX_ENVELOPE_BYTES, DEFAULT_MAX_DETAILS, DEFAULT_MAX_PROBLEMS_PER_VOUCHER,
                DEFAULT_PAYMENT_VT_CODES, DEFAULT_WARNING_CODES, List.of());
    }

    public FiscalReadOptions withMaxEnvelopeBytes(long bytes) {
        return copy().maxEnvelopeBytes(bytes).build();
    }

    public FiscalReadOptions withMaxDetails(int details) {
        return copy().maxDetails(details).build();
    }

    public FiscalReadOptions withMaxProblemsPerVoucher(int problems) {
        return copy().maxProblemsPerVoucher(problems).build();
    }

    public FiscalReadOptions withPaymentVtCodes(Set<String> codes) {
        return copy().paymentVtCodes(codes).build();
    }

    /** These codes become warnings (in addition to the current ones). */
    public FiscalReadOptions withWarnings(String... codes) {
        Set<String> w = new HashSet<>(warningCodes);
        w.addAll(List.of(codes));
        return copy().warningCodes(w).build();
    }

    /** These codes become errors again (e.g. a profile that refuses legacy tags). */
    public FiscalReadOptions withErrors(String... codes) {
        Set<String> w = new HashSet<>(warningCodes);
        w.removeAll(List.of(codes));
        return copy().warningCodes(w).build();
    }

    /** Unknown and malformed codes (UNKNOWN_CODE, CODE_FORMAT_INVALID, EXP_FUNC_SPLIT_MISMATCH) become errors. */
    public FiscalReadOptions withUnknownCodesAsErrors() {
        return withErrors(FiscalCodes.UNKNOWN_CODE, FiscalCodes.CODE_FORMAT_INVALID, FiscalCodes.EXP_FUNC_SPLIT_MISMATCH);
    }

    public FiscalReadOptions withExtraRule(VoucherRule rule) {
        List<VoucherRule> r = new ArrayList<>(extraRules);
        r.add(rule);
        return copy().extraRules(r).build();
    }

    public FiscalReadOptions withVoucherRule(FiscalVoucherRule rule) {
        List<FiscalVoucherRule> r = new ArrayList<>(voucherRules);
        r.add(rule);
        return copy().voucherRules(r).build();
    }

    public FiscalReadOptions withVoucherTypes(VoucherTypes types) {
        return copy().voucherTypes(types).build();
    }

    public FiscalReadOptions withCodeLists(CodeLists lists) {
        return copy().codeLists(lists).build();
    }

    public FiscalReadOptions withMaxAgencies(int agencies) {
        return copy().maxAgencies(agencies).build();
    }

    public FiscalReadOptions withBatchBusinessTypeCodes(Set<String> codes) {
        return copy().batchBusinessTypeCodes(codes).build();
    }

    /** Inner vouchers are also validated against the hub's XSD of their family. */
    public FiscalReadOptions withStrictSchema(boolean strict) {
        return copy().strictSchema(strict).build();
    }

    /**
     * Every body's signatures are verified with {@code verifier}, and a body without one is refused
     * (SIGNATURE_MISSING); {@code null} turns verification off. {@link #withSignatureRequired(boolean)} with
     * false afterwards verifies the signatures that are there without requiring one.
     */
    public FiscalReadOptions withSignatureVerifier(VoucherVerifier verifier) {
        return copy().signatureVerifier(verifier).signatureRequired(verifier != null).build();
    }

    /** Strict mode: no habit and no unlisted field is allowed. */
    public FiscalReadOptions withMode(Mode newMode) {
        return copy().mode(newMode).build();
    }

    /** The older habits allowed in lenient mode (strict mode allows none). */
    public FiscalReadOptions withHabits(Set<FiscalHabit> allowed) {
        return copy().habits(allowed).build();
    }

    /** Whether a payment-shaped voucher of an unlisted VtCode is read as a payment (warning) or refused. */
    public FiscalReadOptions withUnlistedPaymentVtCodes(boolean accept) {
        return copy().acceptUnlistedPaymentVtCodes(accept).build();
    }

    /** Whether a body must carry a signature when a verifier is set. */
    public FiscalReadOptions withSignatureRequired(boolean required) {
        return copy().signatureRequired(required).build();
    }

    public boolean strict() {
        return mode == Mode.STRICT;
    }

    /** True when the habit may be read (with a warning): lenient mode, and the profile allows it. */
    public boolean allows(FiscalHabit habit) {
        return mode == Mode.LENIENT && habits.contains(habit);
    }

    /**
     * Whether a problem of this code is a warning: a habit's code when the habit is allowed, FIELD_UNLISTED in
     * lenient mode, VT_CODE_UNLISTED when unlisted payment types are accepted, SIGNATURE_SHA1 always (a
     * verifier that refuses SHA-1 says SIGNATURE_ALGORITHM_REFUSED instead), else the warning codes.
     */
    public boolean isWarning(String code) {
        FiscalHabit habit = FiscalHabit.ofCode(code);
        if (habit != null) {
            return allows(habit);
        }
        return switch (code) {
            case FiscalCodes.FIELD_UNLISTED -> mode == Mode.LENIENT;
            case FiscalCodes.VT_CODE_UNLISTED -> acceptUnlistedPaymentVtCodes;
            case FiscalCodes.SIGNATURE_SHA1 -> true;
            default -> warningCodes.contains(code);
        };
    }

    /**
     * The type a body of {@code vtCode} is read as: the payment tables for the payment VtCodes, else the
     * registry's type; {@code null} when unsupported.
     */
    public VoucherType typeOf(String vtCode) {
        if (vtCode == null) {
            return null;
        }
        VoucherType known = voucherTypes.find(vtCode).orElse(null);
        if (paymentVtCodes.contains(vtCode) && (known == null || known.family() != VoucherFamily.PAYMENT)) {
            return VoucherTypes.payment(vtCode);
        }
        return known;
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** Changes one component at a time. */
    private static final class Copy {
        private long maxEnvelopeBytes;
        private int maxDetails;
        private int maxProblemsPerVoucher;
        private Set<String> paymentVtCodes;
        private Set<String> warningCodes;
        private List<VoucherRule> extraRules;
        private List<FiscalVoucherRule> voucherRules;
        private VoucherTypes voucherTypes;
        private CodeLists codeLists;
        private int maxAgencies;
        private Set<String> batchBusinessTypeCodes;
        private boolean strictSchema;
        private VoucherVerifier signatureVerifier;
        private Mode mode;
        private Set<FiscalHabit> habits;
        private boolean acceptUnlistedPaymentVtCodes;
        private boolean signatureRequired;

        Copy(FiscalReadOptions o) {
            maxEnvelopeBytes = o.maxEnvelopeBytes;
            maxDetails = o.maxDetails;
            maxProblemsPerVoucher = o.maxProblemsPerVoucher;
            paymentVtCodes = o.paymentVtCodes;
            warningCodes = o.warningCodes;
            extraRules = o.extraRules;
            voucherRules = o.voucherRules;
            voucherTypes = o.voucherTypes;
            codeLists = o.codeLists;
            maxAgencies = o.maxAgencies;
            batchBusinessTypeCodes = o.batchBusinessTypeCodes;
            strictSchema = o.strictSchema;
            signatureVerifier = o.signatureVerifier;
            mode = o.mode;
            habits = o.habits;
            acceptUnlistedPaymentVtCodes = o.acceptUnlistedPaymentVtCodes;
            signatureRequired = o.signatureRequired;
        }

        Copy mode(Mode v) {
            mode = v;
            return this;
        }

        Copy habits(Set<FiscalHabit> v) {
            habits = v;
            return this;
        }

        Copy acceptUnlistedPaymentVtCodes(boolean v) {
            acceptUnlistedPaymentVtCodes = v;
            return this;
        }

        Copy signatureRequired(boolean v) {
            signatureRequired = v;
            return this;
        }

        Copy maxEnvelopeBytes(long v) {
            maxEnvelopeBytes = v;
            return this;
        }

        Copy maxDetails(int v) {
            maxDetails = v;
            return this;
        }

        Copy maxProblemsPerVoucher(int v) {
            maxProblemsPerVoucher = v;
            return this;
        }

        Copy paymentVtCodes(Set<String> v) {
            paymentVtCodes = v;
            return this;
        }

        Copy warningCodes(Set<String> v) {
            warningCodes = v;
            return this;
        }

        Copy extraRules(List<VoucherRule> v) {
            extraRules = v;
            return this;
        }

        Copy voucherRules(List<FiscalVoucherRule> v) {
            voucherRules = v;
            return this;
        }

        Copy voucherTypes(VoucherTypes v) {
            voucherTypes = v;
            return this;
        }

        Copy codeLists(CodeLists v) {
            codeLists = v;
            return this;
        }

        Copy maxAgencies(int v) {
            maxAgencies = v;
            return this;
        }

        Copy batchBusinessTypeCodes(Set<String> v) {
            batchBusinessTypeCodes = v;
            return this;
        }

        Copy strictSchema(boolean v) {
            strictSchema = v;
            return this;
        }

        Copy signatureVerifier(VoucherVerifier v) {
            signatureVerifier = v;
            return this;
        }

        FiscalReadOptions build() {
            return new FiscalReadOptions(maxEnvelopeBytes, maxDetails, maxProblemsPerVoucher, paymentVtCodes, warningCodes,
                    extraRules, voucherRules, voucherTypes, codeLists, maxAgencies, batchBusinessTypeCodes, strictSchema,
                    signatureVerifier, mode, habits, acceptUnlistedPaymentVtCodes, signatureRequired);
        }
    }
}
