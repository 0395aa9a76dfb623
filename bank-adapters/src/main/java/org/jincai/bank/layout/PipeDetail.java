package org.jincai.bank.layout;

import java.math.BigDecimal;
import org.jincai.bank.file.OutboundCredit;

/**
 * One credit line of a pipe file:
 * {@code D|payeeId|name|amount|account|unitNumber|idType|idNumber|sequence}. {@code payeeId}
 * (代理编号, the payee's id at the bank) carries the hub's end-to-end id; id type and number
 * (证件类型, 证件号码) are empty when not known; {@code sequence} counts the lines from 1.
 */
public record PipeDetail(
        String payeeId,
        String name,
        BigDecimal amount,
        String account,
        String unitNumber,
        String idType,
        String idNumber,
        int sequence) {

    /** The credit this line asks the bank to make, as a simulated bank's rule sees it. */
    public OutboundCredit toCredit() {
        return new OutboundCredit(payeeId, amount, name, account, null, null, null);
    }
}
