package org.jincai.bank.layout;

import org.jincai.bank.file.CreditStatus;

/**
 * One line of a pipe return file: the detail line as the bank received it, then
 * {@code |status|reasonCode|reasonText} with status {@value #SUCCESS} or {@value #FAILURE}.
 */
public record PipeReturnLine(PipeDetail detail, String status, String reasonCode, String reasonText) {

    public static final String SUCCESS = TextLayout.SUCCESS;
    public static final String FAILURE = TextLayout.FAILURE;

    public static PipeReturnLine success(PipeDetail detail) {
        return new PipeReturnLine(detail, SUCCESS, "", "");
    }

    public static PipeReturnLine failure(PipeDetail detail, String reasonCode, String reasonText) {
        return new PipeReturnLine(detail, FAILURE, reasonCode, reasonText);
    }

    public boolean accepted() {
        return SUCCESS.equals(status);
    }

    /** The status in the hub's terms; empty reason fields become null. */
    public CreditStatus toCreditStatus() {
        return new CreditStatus(detail.payeeId(), accepted(), emptyToNull(reasonCode), emptyToNull(reasonText));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
