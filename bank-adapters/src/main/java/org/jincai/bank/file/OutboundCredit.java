package org.jincai.bank.file;

import java.math.BigDecimal;

/**
 * One credit in a bank payment file. {@code endToEndId} is the hub's payment id: it travels to the
 * bank and comes back on every answer, so answers are matched to payments by it.
 */
public record OutboundCredit(
        String endToEndId,
        BigDecimal amount,
        String payeeName,
        String payeeAccount,
        String payeeBankNo,
        String payeeBankName,
        String remittance) {
}
