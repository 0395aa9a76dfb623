package org.jincai.server.api;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;

/**
 * The JSON answer to a voucher submission: counts, then one result per voucher in envelope order. Every voucher
 * is counted once: {@code received = accepted + refused + duplicates}.
 */
public record IntakeResponse(int received, int accepted, int refused, int duplicates, List<VoucherResult> vouchers) {

    /**
     * One voucher's result. {@code status} is ACCEPTED (stored, will be paid), REFUSED (not stored, with its error
     * codes: nothing is paid for it) or DUPLICATE (its key was already taken: this copy changed nothing and the
     * original stands — not a refusal of the original).
     */
    public record VoucherResult(String voucherNo, String admDivCode, String stYear, String vtCode, String status,
                                String bank, int payments, BigDecimal payAmt, List<ProblemView> errors,
                                List<ProblemView> warnings) {
    }

    /** A coded problem as JSON. */
    public record ProblemView(String code, String message, String location) {

        static ProblemView of(Problem p) {
            return new ProblemView(p.code(), p.message(), p.location());
        }
    }

    static IntakeResponse of(List<VoucherOutcome> outcomes) {
        List<VoucherResult> results = outcomes.stream().map(o -> new VoucherResult(o.voucherNo(), o.admDivCode(),
                o.stYear(), o.vtCode(), o.status().name(), o.bankCode(), o.payments(), o.payAmt(),
                o.errors().stream().map(ProblemView::of).toList(),
                o.warnings().stream().map(ProblemView::of).toList())).toList();
        int accepted = count(outcomes, VoucherOutcome.Status.ACCEPTED);
        return new IntakeResponse(outcomes.size(), accepted, count(outcomes, VoucherOutcome.Status.REFUSED),
                count(outcomes, VoucherOutcome.Status.DUPLICATE), results);
    }

    private static int count(List<VoucherOutcome> outcomes, VoucherOutcome.Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }
}
