package org.jincai.bank.layout;

import org.jincai.bank.file.CreditStatus;

/**
 * One detail record of a fixed-width return file: the detail as the bank received it, then status
 * ({@value TextLayout#SUCCESS} paid, {@value TextLayout#FAILURE} failed), reason code and reason text.
 */
public record FixedReturnLine(FixedDetail detail, String status, String reasonCode, String reasonText) {

    public static FixedReturnLine success(FixedDetail detail) {
        return new FixedReturnLine(detail, TextLayout.SUCCESS, "", "");
    }

    public static FixedReturnLine failure(FixedDetail detail, String reasonCode, String reasonText) {
        return new FixedReturnLine(detail, TextLayout.FAILURE, reasonCode, reasonText);
    }

    public boolean accepted() {
        return TextLayout.SUCCESS.equals(status);
    }

    /** The status in the hub's terms; empty reason fields become null. */
    public CreditStatus toCreditStatus() {
        return new CreditStatus(detail.endToEndId(), accepted(), emptyToNull(reasonCode), emptyToNull(reasonText));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
