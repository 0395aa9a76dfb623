package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.List;

/** A pipe payment file as read: its name, its summary line and its detail lines, in file order. */
public record PipePaymentFile(String fileName, PipeSummary summary, List<PipeDetail> details) {

    public PipePaymentFile {
        details = List.copyOf(details);
    }

    /** The sum of the detail lines' amounts (what the summary's total must equal). */
    public BigDecimal detailTotal() {
        return details.stream().map(PipeDetail::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
