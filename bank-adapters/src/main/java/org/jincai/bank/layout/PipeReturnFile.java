package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.List;

/**
 * A pipe return file: the summary line (count and total of the lines it carries) and one line per
 * credit with the bank's status.
 */
public record PipeReturnFile(String fileName, PipeSummary summary, List<PipeReturnLine> lines) {

    public PipeReturnFile {
        lines = List.copyOf(lines);
    }

    public BigDecimal lineTotal() {
        return lines.stream().map(l -> l.detail().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
