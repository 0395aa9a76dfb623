package org.jincai.bank.layout;

import java.math.BigDecimal;
import org.jincai.bank.layout.internal.Fen;

/** The trailer record of a fixed-width file: {@code T}, the number of detail records and their total in fen. */
public record FixedTrailer(int totalCount, long totalFen) {

    public BigDecimal totalAmount() {
        return Fen.toYuan(totalFen);
    }
}
