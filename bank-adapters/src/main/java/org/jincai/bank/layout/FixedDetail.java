package org.jincai.bank.layout;

import java.math.BigDecimal;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.layout.internal.Fen;

/**
 * One detail record of a fixed-width file: {@code D}, sequence from 1, the hub's end-to-end id, payee
 * account, name and bank number (12-digit CNAPS, blank when not known), amount in fen.
 */
public record FixedDetail(
        int sequence,
        String endToEndId,
        String payeeAccount,
        String payeeName,
        String payeeBankNo,
        long amountFen) {

    /** The amount in yuan. */
    public BigDecimal amount() {
        return Fen.toYuan(amountFen);
    }

    /** The credit this record asks the bank to make, as a simulated bank's rule sees it. */
    public OutboundCredit toCredit() {
        return new OutboundCredit(endToEndId, amount(), payeeName, payeeAccount,
                payeeBankNo == null || payeeBankNo.isBlank() ? null : payeeBankNo, null, null);
    }
}
