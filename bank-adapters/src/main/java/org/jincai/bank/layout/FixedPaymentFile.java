package org.jincai.bank.layout;

import java.math.BigDecimal;
import java.util.List;

/** A fixed-width payment file as read or about to be written: header, detail records in file order, trailer. */
public record FixedPaymentFile(String fileName, FixedHeader header, List<FixedDetail> details, FixedTrailer trailer) {

    public FixedPaymentFile {
        details = List.copyOf(details);
    }

    /** The sum of the detail amounts in yuan (what the trailer's total must equal); exact whatever the file holds. */
    public BigDecimal detailTotal() {
        return details.stream().map(FixedDetail::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
