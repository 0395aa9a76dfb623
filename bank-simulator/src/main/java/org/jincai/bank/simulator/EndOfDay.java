package org.jincai.bank.simulator;

import java.math.BigDecimal;

/**
 * What a simulated bank puts in its end-of-day camt.053 beside the day's bookings, as a real bank's account shows
 * more than the hub's payments.
 *
 * @param fee                a service fee debited each day (ACMT/MDOP/CHRG, no reference to any payment); null for none
 * @param unrelatedCredit    a credit from a payer the hub never heard of, each day; null for none
 * @param returnEvery        the 1st, then every n-th credit the bank booked comes back (0: none); the odd-numbered
 *                           returns are returns (AC04, account closed), the even-numbered reversals ({@code RvslInd})
 * @param returnAfterDays    how many days after its booking a credit comes back
 * @param batchWithoutTxDtls batch-booked entries go out without their TxDtls (only Btch MsgId and PmtInfId)
 * @param balanceBreak       added to the opening balance of the next statement of each account (a fault: the
 *                           opening is no longer the previous closing); null or zero for none
 */
public record EndOfDay(BigDecimal fee, BigDecimal unrelatedCredit, int returnEvery, int returnAfterDays,
                       boolean batchWithoutTxDtls, BigDecimal balanceBreak) {

    /** What the demo's banks send: a fee, a stray credit, the 1st and every 20th credit back a day later. */
    public static EndOfDay demo() {
        return new EndOfDay(new BigDecimal("25.00"), new BigDecimal("1888.00"), 20, 1, false, null);
    }

    /** The day's bookings and nothing else. */
    public static EndOfDay bookingsOnly() {
        return new EndOfDay(null, null, 0, 1, false, null);
    }

    public EndOfDay withBalanceBreak(BigDecimal amount) {
        return new EndOfDay(fee, unrelatedCredit, returnEvery, returnAfterDays, batchWithoutTxDtls, amount);
    }

    public EndOfDay withBatchWithoutTxDtls() {
        return new EndOfDay(fee, unrelatedCredit, returnEvery, returnAfterDays, true, balanceBreak);
    }
}
