package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.List;

/**
 * A fixed-width return file: the header, one line per credit with the bank's status, and a trailer
 * that counts and totals the lines it carries (written as given, so a test can make it disagree).
 */
public record FixedReturnFile(String fileName, FixedHeader header, List<FixedReturnLine> lines, FixedTrailer trailer) {

    public FixedReturnFile {
        lines = List.copyOf(lines);
    }

    /** The sum of the lines' amounts in yuan; exact whatever the file holds. */
    public BigDecimal lineTotal() {
        return lines.stream().map(l -> l.detail().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
