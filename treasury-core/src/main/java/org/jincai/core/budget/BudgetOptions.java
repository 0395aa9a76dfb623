package org.jincai.core.budget;

import java.math.BigDecimal;

/**
 * How budget control runs: {@code enabled} (off only where another system controls the budget — every payment
 * is then recorded as passed without a check), {@code planControl} (the monthly plans checked as well as the
 * indicators; regions that no longer issue plans turn it off) and {@code warningThreshold}, the share used
 * (reserved + spent over approved) past which an alert is raised and the payment still passes.
 */
public record BudgetOptions(boolean enabled, boolean planControl, BigDecimal warningThreshold) {

    public static final BigDecimal DEFAULT_WARNING = new BigDecimal("0.90");

    public BudgetOptions {
        warningThreshold = warningThreshold == null ? DEFAULT_WARNING : warningThreshold;
        if (warningThreshold.signum() <= 0 || warningThreshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the budget warning threshold is a share between 0 and 1, got "
                    + warningThreshold);
        }
    }

    public static BudgetOptions defaults() {
        return new BudgetOptions(true, true, DEFAULT_WARNING);
    }

    public static BudgetOptions off() {
        return new BudgetOptions(false, false, DEFAULT_WARNING);
    }
}
