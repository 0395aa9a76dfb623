package org.jincai.bank.file;

import static org.jincai.bank.file.BankFileErrors.CREDIT_EXCEEDS_FILE_LIMIT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits the credits of one batch into files that each stay within the bank's per-file limits
 * (number of transactions and total amount). Deterministic: the input order is kept and a new part
 * starts only when the next credit would break a limit, so the same batch always splits the same way
 * and a retry rebuilds the same files under the same names.
 *
 * <p>Stateless: call the static method, or hold an instance where a bean is handier.
 */
public class FileSplitter {

    /**
     * @return the parts, in order; empty when there are no credits
     * @throws BankFileException CREDIT_EXCEEDS_FILE_LIMIT when one credit alone is above {@code maxAmount}
     * @throws IllegalArgumentException when a limit is not positive
     */
    public static List<List<OutboundCredit>> split(List<OutboundCredit> credits, int maxTransactions, BigDecimal maxAmount) {
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(maxAmount, "maxAmount");
        if (maxTransactions <= 0) {
            throw new IllegalArgumentException("maxTransactions must be > 0, is " + maxTransactions);
        }
        if (maxAmount.signum() <= 0) {
            throw new IllegalArgumentException("maxAmount must be > 0, is " + maxAmount);
        }
        List<List<OutboundCredit>> parts = new ArrayList<>();
        List<OutboundCredit> current = new ArrayList<>();
        BigDecimal currentTotal = BigDecimal.ZERO;
        for (OutboundCredit credit : credits) {
            BigDecimal amount = Objects.requireNonNull(credit.amount(), () -> "amount of " + credit.endToEndId());
            if (amount.compareTo(maxAmount) > 0) {
                throw new BankFileException(CREDIT_EXCEEDS_FILE_LIMIT,
                        "credit " + credit.endToEndId() + " of " + amount.toPlainString()
                                + " is above the bank's maximum of " + maxAmount.toPlainString() + " per file",
                        "credit " + credit.endToEndId());
            }
            BigDecimal next = currentTotal.add(amount);
            if (!current.isEmpty() && (current.size() == maxTransactions || next.compareTo(maxAmount) > 0)) {
                parts.add(List.copyOf(current));
                current = new ArrayList<>();
                next = amount;
            }
            current.add(credit);
            currentTotal = next;
        }
        if (!current.isEmpty()) {
            parts.add(List.copyOf(current));
        }
        return List.copyOf(parts);
    }
}
