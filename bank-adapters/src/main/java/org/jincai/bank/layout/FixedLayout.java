package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.Optional;
import org.jincai.bank.layout.internal.Fen;
import org.jincai.formats.Problem;

/**
 * Facts of the fixed-width layout ({@code fixed-gbk}): field widths in bytes of the bank's charset,
 * the named maxima of its numeric fields, the return file's name and the totals rule (the trailer's
 * count and total must equal the detail records, else the file is refused whole, located at the
 * trailer). Record tables: bank-adapters/README.md.
 */
public final class FixedLayout {

    /** Record types, the first byte of every record. */
    public static final String HEADER = "H";
    public static final String DETAIL = "D";
    public static final String TRAILER = "T";

    /** Byte widths of the text fields. */
    public static final int MESSAGE_ID_BYTES = 35;
    public static final int ACCOUNT_BYTES = 32;
    public static final int NAME_BYTES = 60;
    public static final int END_TO_END_ID_BYTES = 35;
    public static final int BANK_NUMBER_BYTES = 12;
    public static final int REASON_CODE_BYTES = 8;
    public static final int REASON_TEXT_BYTES = 60;

    /** Digits of the numeric fields: sequence and count N(6), amount and total N(15) fen. */
    public static final int SEQUENCE_DIGITS = 6;
    public static final int AMOUNT_DIGITS = 15;

    /** Largest sequence number and count: N(6). */
    public static final int MAX_SEQUENCE = 999_999;
    /** Largest amount or total in fen: N(15), that is 9,999,999,999,999.99 yuan. */
    public static final long MAX_AMOUNT_FEN = 999_999_999_999_999L;

    /** Record lengths in bytes, line end excluded. */
    public static final int HEADER_BYTES = 1 + MESSAGE_ID_BYTES + 8 + ACCOUNT_BYTES + NAME_BYTES;
    public static final int DETAIL_BYTES = 1 + SEQUENCE_DIGITS + END_TO_END_ID_BYTES + ACCOUNT_BYTES + NAME_BYTES
            + BANK_NUMBER_BYTES + AMOUNT_DIGITS;
    public static final int RETURN_DETAIL_BYTES = DETAIL_BYTES + 1 + REASON_CODE_BYTES + REASON_TEXT_BYTES;
    public static final int TRAILER_BYTES = 1 + SEQUENCE_DIGITS + AMOUNT_DIGITS;

    private FixedLayout() {
    }

    /** {@code PAY-20250105-B1-001.txt} is answered by {@code PAY-20250105-B1-001.ret.txt}. */
    public static String returnFileName(String paymentFileName) {
        return TextLayout.returnFileName(paymentFileName);
    }

    /** Largest amount as yuan. */
    public static BigDecimal maxAmount() {
        return Fen.toYuan(MAX_AMOUNT_FEN);
    }

    /**
     * TOTALS_MISMATCH when the trailer disagrees with the detail records, located at the trailer's line
     * ({@code detailCount + 2}), with both differences; else empty.
     */
    public static Optional<Problem> totalsProblem(String fileName, FixedTrailer trailer, int detailCount, BigDecimal detailTotal) {
        return TextLayout.totalsProblem(fileName, detailCount + 2, "trailer", trailer.totalCount(), trailer.totalAmount(),
                detailCount, detailTotal);
    }
}
