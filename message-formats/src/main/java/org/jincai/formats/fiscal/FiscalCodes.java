package org.jincai.formats.fiscal;

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
    /** VtCode is not a payment voucher type (5201, 8202, 5214 by default). */
    public static final String UNSUPPORTED_VT_CODE = "UNSUPPORTED_VT_CODE";

    // --- rules of one voucher (PaymentVoucherValidator and the reader's field conversion) ---

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
    /** A receipt (回单, VoucherFlag 1) lacks XPayDate, XAgentBusinessNo or XPayAmt. */
    public static final String RECEIPT_FIELD_MISSING = "RECEIPT_FIELD_MISSING";
    /** More problems than the per-voucher cap; the rest were not collected. */
    public static final String PROBLEMS_TRUNCATED = "PROBLEMS_TRUNCATED";

    // --- warnings by default (FiscalReadOptions.warningCodes) ---

    /** A detail's VoucherBillNo / VoucherBillId differs from the header VoucherNo / Id. */
    public static final String DETAIL_BILL_MISMATCH = "DETAIL_BILL_MISMATCH";
    /** A legacy tag (ExpEcoCode / ExpEcoName) was read into DepExpEcoCode / DepExpEcoName. */
    public static final String LEGACY_FIELD_MAPPED = "LEGACY_FIELD_MAPPED";
    /** The inner voucher declares a character set other than GBK (it is honoured). */
    public static final String VOUCHER_ENCODING_NOT_GBK = "VOUCHER_ENCODING_NOT_GBK";
    /** An element with children where the standard has a plain value; it is skipped. */
    public static final String UNSUPPORTED_ELEMENT = "UNSUPPORTED_ELEMENT";

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
