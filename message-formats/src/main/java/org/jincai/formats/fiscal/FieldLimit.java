package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What every value of a voucher field must be before the hub stores it: its syntax and its maximum length
 * in characters. The standard's tables with lengths are not public (reference §10), so the limits are the
 * hub's, chosen never to exceed the database columns the intake stores into (treasury-core
 * {@code V1__payments.sql}: voucher_no 40, agency_code 30, pay_bank_code 20, pay_acct_no / payee_acct_no 40,
 * names 200, payee_bank_no 20, detail_id 64) and to hold every value the public record shows (32-hex Ids,
 * 12-digit CNAPS numbers, 21-character 一体化 project codes). docs/formats.md lists each limit with its source.
 *
 * <p>Fields are limited by their tag's name, the way the standard names them, so that a type's table, the
 * fields the hub carries without interpreting them and a field no table lists are all checked alike:
 * {@link #forTag}.
 *
 * @param syntax which characters a value may have
 * @param maxLength the most characters (Unicode code points) a value may have; for an amount, the most
 *     digits before the decimal point
 */
public record FieldLimit(Syntax syntax, int maxLength) {

    /** Which characters a value may have. */
    public enum Syntax {
        /** Ids, voucher numbers, codes, account and bank numbers: ASCII letters, digits and '-' only. */
        IDENTIFIER,
        /** Names and free text: any character but control characters (line breaks included). */
        TEXT,
        /** A date; the reader checks its form ({@code yyyyMMdd}). */
        DATE,
        /** A plain decimal amount; the reader checks its form and {@link #maxLength} counts its integer digits. */
        AMOUNT
    }

    /** Header and detail Ids: payment.detail_id is VARCHAR(64); 一体化 systems use 32-hex GUIDs. */
    public static final int ID_LENGTH = 64;
    /** VoucherNo and the numbers that repeat it: voucher.voucher_no is VARCHAR(40). */
    public static final int VOUCHER_NO_LENGTH = 40;
    /** Account numbers: pay_acct_no / payee_acct_no are VARCHAR(40). */
    public static final int ACCOUNT_LENGTH = 40;
    /** Bank numbers (CNAPS, 12 digits): pay_bank_code / payee_bank_no are VARCHAR(20). */
    public static final int BANK_NO_LENGTH = 20;
    /** Codes: voucher.agency_code is VARCHAR(30); reference §11.3 proposes 30 for codes. */
    public static final int CODE_LENGTH = 30;
    /** Other references (bank serials, tracking ids): payment.bank_reference is VARCHAR(64). */
    public static final int REFERENCE_LENGTH = 64;
    /** Names and free text: agency, payer and payee names are VARCHAR(200). */
    public static final int TEXT_LENGTH = 200;
    /**
     * Integer digits of an amount: at most 9 999 999 999 999.99 CNY (ten trillion less a fen), so that even
     * the sum of 500 lines fits NUMERIC(18,2).
     */
    public static final int AMOUNT_INTEGER_DIGITS = 13;

    private static final Map<String, FieldLimit> BY_TAG = Map.ofEntries(
            Map.entry("Id", identifier(ID_LENGTH)),
            Map.entry("VoucherBillId", identifier(ID_LENGTH)),
            Map.entry("AgencyCode", identifier(CODE_LENGTH)),
            Map.entry("PayBankCode", identifier(BANK_NO_LENGTH)),
            Map.entry("ClearBankCode", identifier(BANK_NO_LENGTH)),
            Map.entry("MoneyCorpCode", identifier(BANK_NO_LENGTH)),
            Map.entry("TrackingID", identifier(REFERENCE_LENGTH)));

    public FieldLimit {
        Objects.requireNonNull(syntax, "syntax");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
    }

    public static FieldLimit identifier(int maxLength) {
        return new FieldLimit(Syntax.IDENTIFIER, maxLength);
    }

    public static FieldLimit text(int maxLength) {
        return new FieldLimit(Syntax.TEXT, maxLength);
    }

    /**
     * The limit of a tag by the standard's naming: {@code …AcctNo} accounts (40), {@code …BankNo} /
     * {@code …BnkNo} / PayBankCode bank numbers (20), VoucherNo and {@code …VoucherNo} / {@code …BillNo} (40),
     * Id and VoucherBillId (64), {@code …Code} codes (30), other {@code …No} / {@code …ID} references (64) —
     * all identifiers; every other text (names, Remark, XAddWord, Hold1–4) 200 characters of text.
     */
    public static FieldLimit forTag(String tag, FieldKind kind) {
        if (kind == FieldKind.DATE) {
            return new FieldLimit(Syntax.DATE, 8);
        }
        if (kind == FieldKind.AMOUNT) {
            return new FieldLimit(Syntax.AMOUNT, AMOUNT_INTEGER_DIGITS);
        }
        FieldLimit exact = BY_TAG.get(tag);
        if (exact != null) {
            return exact;
        }
        if (tag.endsWith("AcctNo")) {
            return identifier(ACCOUNT_LENGTH);
        }
        if (tag.endsWith("BankNo") || tag.endsWith("BnkNo")) {
            return identifier(BANK_NO_LENGTH);
        }
        if (tag.endsWith("VoucherNo") || tag.endsWith("BillNo") || tag.equals("VoucherDetailNo")) {
            return identifier(VOUCHER_NO_LENGTH);
        }
        if (tag.endsWith("Code")) {
            return identifier(CODE_LENGTH);
        }
        if (tag.endsWith("No") || tag.endsWith("ID")) {
            return identifier(REFERENCE_LENGTH);
        }
        return text(TEXT_LENGTH);
    }

    /**
     * Checks a text value (of a TEXT or IDENTIFIER field; dates and amounts have their own parsers).
     *
     * @return {@code null} when it is acceptable, else FIELD_TOO_LONG or FIELD_FORMAT
     */
    public String check(String value) {
        if (syntax == Syntax.DATE || syntax == Syntax.AMOUNT) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            return FiscalCodes.FIELD_TOO_LONG;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = syntax == Syntax.IDENTIFIER
                    ? c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    : !Character.isISOControl(c) && c != '\uFFFD';
            if (!ok) {
                return FiscalCodes.FIELD_FORMAT;
            }
        }
        return null;
    }

    /** True when the amount has no more integer digits than {@link #AMOUNT_INTEGER_DIGITS}. */
    public static boolean amountFits(BigDecimal amount) {
        return amount.abs().compareTo(BigDecimal.TEN.pow(AMOUNT_INTEGER_DIGITS)) < 0;
    }

    /** How the limit reads in a problem message: {@code identifier of at most 40 characters}. */
    public String describe() {
        return switch (syntax) {
            case IDENTIFIER -> "letters, digits and '-', at most " + maxLength + " characters";
            case TEXT -> "text without control characters, at most " + maxLength + " characters";
            case DATE -> "a yyyyMMdd date";
            case AMOUNT -> "an amount of at most " + maxLength + " integer digits";
        };
    }
}
