package org.jincai.core.reconcile;

/**
 * How reconciliation matches and when it gives up waiting.
 *
 * @param toleranceDays       how many days a booking may lie after the payment's execution date for the
 *                            amount + counterparty account + date rule, and a batch for the total + date rule
 * @param notBookedBankDays   how many bank days after its execution date an unbooked payment becomes an exception
 */
public record ReconcileOptions(int toleranceDays, int notBookedBankDays) {

    public ReconcileOptions {
        if (toleranceDays < 0 || notBookedBankDays < 1) {
            throw new IllegalArgumentException("toleranceDays >= 0 and notBookedBankDays >= 1 required");
        }
    }

    public static ReconcileOptions defaults() {
        return new ReconcileOptions(3, 2);
    }
}
