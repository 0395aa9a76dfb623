package org.jincai.formats.fiscal;

import org.jincai.formats.fiscal.sign.SignatureCheck;
import org.jincai.formats.xml.SecureXml;

/**
 * The stable problem codes of the fiscal voucher layer. Callers, returns (退回) to the finance system and
 * tests match on these; the messages beside them may change. Envelope codes arrive as a
 * {@link org.jincai.formats.FormatException} (the whole file is refused), the others as collected
 * {@link org.jincai.formats.Problem}s of one voucher.
 */
public final class FiscalCodes {

    // --- the envelope cannot be read at all (FormatException) ---

    /** A DTD in the envelope or in an inner voucher: never parsed, so no XXE and no entity expansion. */
    public static final String DOCTYPE_NOT_ALLOWED = SecureXml.DOCTYPE_NOT_ALLOWED;
    /** The envelope or an inner voucher is not well-formed XML. */
    public static final String XML_NOT_WELL_FORMED = SecureXml.XML_NOT_WELL_FORMED;
    /** The envelope's root element is not {@code MOF}. */
    public static final String ENVELOPE_ROOT_INVALID = "ENVELOPE_ROOT_INVALID";
    /** The envelope is larger than the configured limit. */
    public static final String ENVELOPE_TOO_LARGE = "ENVELOPE_TOO_LARGE";
    /** A {@code VoucherBody/Voucher} is not base64 (location {@code envelope body N}). */
    public static final String VOUCHER_NOT_BASE64 = "VOUCHER_NOT_BASE64";
    /** A {@code VoucherBody} has a structure the hub cannot trust, such as two {@code Voucher} elements. */
    public static final String ENVELOPE_BODY_INVALID = "ENVELOPE_BODY_INVALID";

    // --- envelope-level problems that still let the vouchers be read ---

    /** {@code VoucherCount} differs from the number of {@code VoucherBody} elements (or is absent). */
    public static final String VOUCHER_COUNT_MISMATCH = "VOUCHER_COUNT_MISMATCH";

    // --- one voucher cannot be read (the voucher is null) ---

    /** The {@code VoucherBody} carries no inner voucher. */
    public static final String VOUCHER_MISSING = "VOUCHER_MISSING";
    /** The inner voucher's bytes are not valid in its declared (or the default GBK) character set. */
    public static final String VOUCHER_ENCODING_INVALID = "VOUCHER_ENCODING_INVALID";
    /** The inner voucher's root element is not {@code Voucher}. */
    public static final String VOUCHER_ROOT_INVALID = "VOUCHER_ROOT_INVALID";
    /**
     * VtCode is not a type the reader supports: for {@link FiscalEnvelopes#readPayments} not a payment voucher
     * type (5201, 8202, 5214 by default), for {@link FiscalEnvelopes#read} not in the registry of
     * {@link VoucherTypes}; also when the voucher's own VtCode belongs to another family than its envelope's.
     */
    public static final String UNSUPPORTED_VT_CODE = "UNSUPPORTED_VT_CODE";

    // --- rules of one voucher (FiscalVoucherValidator and the reader's field conversion) ---

    /** An envelope attribute (AdmDivCode, StYear, VtCode, VoucherNo) differs from the voucher's field. */
    public static final String ENVELOPE_FIELD_MISMATCH = "ENVELOPE_FIELD_MISMATCH";
    /** VoucherFlag is absent, not a number, or not 0 发送单 / 1 回单 / 2 退回. */
    public static final String VOUCHER_FLAG_INVALID = "VOUCHER_FLAG_INVALID";
    /** A required (M) field is absent or empty; the location ends with the tag. */
    public static final String MISSING_FIELD = "MISSING_FIELD";
    /** The same tag appears twice in a header or a detail. */
    public static final String FIELD_REPEATED = "FIELD_REPEATED";
    /** A detail has no Id. */
    public static final String DETAIL_ID_MISSING = "DETAIL_ID_MISSING";
    /** Two details of one voucher share an Id. */
    public static final String DETAIL_ID_DUPLICATE = "DETAIL_ID_DUPLICATE";
    /** 500 or more details in one voucher (ITFE's limit). */
    public static final String TOO_MANY_DETAILS = "TOO_MANY_DETAILS";
    /** A date is not {@code yyyyMMdd} or not a calendar date. */
    public static final String BAD_DATE = "BAD_DATE";
    /** An amount is not a number with exactly two decimals. */
    public static final String BAD_AMOUNT = "BAD_AMOUNT";
    /** The header PayAmt differs from the sum of the detail PayAmt (主单金额与明细累计金额不相等). */
    public static final String PAY_AMT_MISMATCH = "PAY_AMT_MISMATCH";
    /** A payment amount is zero or negative. */
    public static final String NON_POSITIVE_AMOUNT = "NON_POSITIVE_AMOUNT";
    /**
     * A receipt (回单, VoucherFlag 1) lacks an X-field its type needs (payments: XPayDate, XAgentBusinessNo,
     * XPayAmt), or a failed line / voucher (X-amount 0.00) gives no reason (XAddWord / XAddWordCode).
     */
    public static final String RECEIPT_FIELD_MISSING = "RECEIPT_FIELD_MISSING";
    /** 8207: SumAmt differs from the sum of the detail PayAmt. */
    public static final String SUM_AMT_MISMATCH = "SUM_AMT_MISMATCH";
    /** 8207 receipt: XSumAmt differs from the sum of the detail XPayAmt. */
    public static final String X_SUM_AMT_MISMATCH = "X_SUM_AMT_MISMATCH";
    /** 5106 / 5108: the header PlanAmt differs from the sum of the detail PlanAmt. */
    public static final String PLAN_AMT_MISMATCH = "PLAN_AMT_MISMATCH";
    /** 2301 / 2302: AllNum differs from the number of details. */
    public static final String ALL_NUM_MISMATCH = "ALL_NUM_MISMATCH";
    /** 5106 / 5108: DeptNum differs from the number of distinct SupDepCode in the details. */
    public static final String DEPT_NUM_MISMATCH = "DEPT_NUM_MISMATCH";
    /** A type that lists lines (8207, 5106, 5108, 2301, 2302) has no detail. */
    public static final String DETAIL_LIST_EMPTY = "DETAIL_LIST_EMPTY";
    /** 5106: 1000 or more agencies in one notice (ITFE's limit). */
    public static final String TOO_MANY_AGENCIES = "TOO_MANY_AGENCIES";
    /** 5106: a notice whose PlanAmt is 0.00 with exactly one line (ITFE refuses it). */
    public static final String ZERO_AMOUNT_SINGLE_DETAIL = "ZERO_AMOUNT_SINGLE_DETAIL";
    /** A batch (BusinessTypeCode 4) line has no PayeeAcctBankNo (ITFE refuses a blank bank number for batches). */
    public static final String PAYEE_BANK_NO_MISSING = "PAYEE_BANK_NO_MISSING";
    /** An amount that may be zero but not negative (a receipt's XPayAmt / XSumAmt) is negative. */
    public static final String NEGATIVE_AMOUNT = "NEGATIVE_AMOUNT";
    /**
     * A value does not have its field's syntax: an identifier (Id, VoucherNo, a code, an account or bank number)
     * with a character other than ASCII letters, digits and '-' ({@code ../../etc/pw1}), a text with a control
     * character, or a formatted field of the wrong form (SetMonth 1–12, AllNum / DeptNum digits, AdmDivCode 6 or
     * 9 digits, StYear / VtCode 4 digits). See {@link FieldLimit}.
     */
    public static final String FIELD_FORMAT = "FIELD_FORMAT";
    /**
     * A value is longer than its field's limit ({@link FieldLimit}: never more than the database column it is
     * stored in), or an amount has more than 13 integer digits.
     */
    public static final String FIELD_TOO_LONG = "FIELD_TOO_LONG";
    /** Strict mode: the inner voucher does not validate against the hub's XSD of its family (location ends with line:column). */
    public static final String XSD_INVALID = "XSD_INVALID";
    /** More problems than the per-voucher cap; the rest were not collected. */
    public static final String PROBLEMS_TRUNCATED = "PROBLEMS_TRUNCATED";

    // --- warnings by default (FiscalReadOptions.warningCodes) ---

    /** A detail field pointing back at its voucher (VoucherBillNo / VoucherBillId, 8207 OriVoucherNo) differs from the header. */
    public static final String DETAIL_BILL_MISMATCH = "DETAIL_BILL_MISMATCH";
    /** A legacy tag (ExpEcoCode / ExpEcoName) was read into DepExpEcoCode / DepExpEcoName. */
    public static final String LEGACY_FIELD_MAPPED = "LEGACY_FIELD_MAPPED";
    /** The inner voucher declares a character set other than GBK (it is honoured). */
    public static final String VOUCHER_ENCODING_NOT_GBK = "VOUCHER_ENCODING_NOT_GBK";
    /** An element with children where the standard has a plain value; it is skipped. */
    public static final String UNSUPPORTED_ELEMENT = "UNSUPPORTED_ELEMENT";
    /** A coded field (FundTypeCode, PayTypeCode, ExpFuncCode, …) holds a code its code list does not have. */
    public static final String UNKNOWN_CODE = "UNKNOWN_CODE";
    /** A coded field does not have its code list's structure (ExpFuncCode 7 digits, GovExpEcoCode 5 digits, …). */
    public static final String CODE_FORMAT_INVALID = "CODE_FORMAT_INVALID";
    /** ExpFuncCode1 / 2 / 3 (类 / 款 / 项) do not agree with the 7-digit ExpFuncCode beside them. */
    public static final String EXP_FUNC_SPLIT_MISMATCH = "EXP_FUNC_SPLIT_MISMATCH";

    // --- what finance systems really send (issue 15): a warning where the profile allows it, else an error ---

    /**
     * A tag that no table of the voucher's type lists and that the hub does not carry knowingly: kept in
     * document order and written back (receipts echo it); a warning in lenient mode, an error in strict mode.
     */
    public static final String FIELD_UNLISTED = "FIELD_UNLISTED";
    /**
     * A VtCode outside the registry whose body has the payment voucher's shape (PayAmt, PayAcctNo, lines with a
     * payee): read as a payment voucher; a warning where the finance system's profile accepts such types as
     * payments, else an error.
     */
    public static final String VT_CODE_UNLISTED = "VT_CODE_UNLISTED";
    /** Older habit (2014 8207): the header has no Id; VoucherNo stands in for it. */
    public static final String HEADER_ID_ABSENT = "HEADER_ID_ABSENT";
    /** Older habit: a date given as {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd}; its date is read. */
    public static final String DATE_WITH_TIME = "DATE_WITH_TIME";
    /** Older habit: a three-digit PayTypeCode (e.g. 121); read as its two-digit parent (12). */
    public static final String PAY_TYPE_CODE_THREE_DIGITS = "PAY_TYPE_CODE_THREE_DIGITS";

    // --- signatures (when a VoucherVerifier is configured) ---

    /** A signature verified, with SHA-1 (allowed for this finance system; SHA-1 is broken for new signatures). */
    public static final String SIGNATURE_SHA1 = "SIGNATURE_SHA1";
    /** The body carries no signature although its counterpart's signatures are verified. */
    public static final String SIGNATURE_MISSING = "SIGNATURE_MISSING";
    /** A signature does not verify over the base64 text of {@code <Voucher>}: it was altered, or the signature was made over other content. */
    public static final String SIGNATURE_INVALID = SignatureCheck.SIGNATURE_INVALID;
    /** A signature is not base64 or not a CMS / PKCS#7 SignedData structure. */
    public static final String SIGNATURE_MALFORMED = SignatureCheck.SIGNATURE_MALFORMED;
    /**
     * A signer certificate (PKCS#7 or SM2) that is not configured for the finance system nor issued by one that is, or
     * was not valid when it signed.
     */
    public static final String CERTIFICATE_UNKNOWN = SignatureCheck.CERTIFICATE_UNKNOWN;
    /** A signature uses an algorithm the verifier refuses (SHA-1 when it is switched off). */
    public static final String SIGNATURE_ALGORITHM_REFUSED = SignatureCheck.SIGNATURE_ALGORITHM_REFUSED;

    // --- writing ---

    /** A character that GBK cannot encode; the hub never writes a '?' in its place. */
    public static final String GBK_UNENCODABLE = "GBK_UNENCODABLE";
    /** A character XML 1.0 does not allow (control characters, lone surrogates). */
    public static final String XML_CHAR_INVALID = "XML_CHAR_INVALID";
    /** An unmodelled field name that is not a plain XML element name. */
    public static final String FIELD_NAME_INVALID = "FIELD_NAME_INVALID";

    private FiscalCodes() {
    }
}
