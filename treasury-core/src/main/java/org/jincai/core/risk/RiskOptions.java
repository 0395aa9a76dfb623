package org.jincai.core.risk;

import java.math.BigDecimal;
import java.util.List;

/**
 * The risk rules as data (configuration {@code jincai.controls.risk}, docs/budget.md): each rule on or off, its
 * thresholds, and whether a hit holds the voucher for one more approval level, of role {@code holdRole}. Every
 * value left out takes its default.
 */
public record RiskOptions(Boolean enabled, String holdRole, DailyTotal dailyTotal, Dormant dormant,
                          Duplicate duplicate, Splitting splitting, BlockList blockList, NameMismatch nameMismatch) {

    public static final String DEFAULT_HOLD_ROLE = "RISK_OFFICER";

    public RiskOptions {
        enabled = enabled == null || enabled;
        holdRole = holdRole == null || holdRole.isBlank() ? DEFAULT_HOLD_ROLE : holdRole;
        dailyTotal = dailyTotal == null ? new DailyTotal(null, null, null) : dailyTotal;
        dormant = dormant == null ? new Dormant(null, null, null, null) : dormant;
        duplicate = duplicate == null ? new Duplicate(null, null, null) : duplicate;
        splitting = splitting == null ? new Splitting(null, null, null, null) : splitting;
        blockList = blockList == null ? new BlockList(null, null, null) : blockList;
        nameMismatch = nameMismatch == null ? new NameMismatch(null, null) : nameMismatch;
    }

    public static RiskOptions defaults() {
        return new RiskOptions(null, null, null, null, null, null, null, null);
    }

    public static RiskOptions off() {
        return new RiskOptions(false, null, null, null, null, null, null, null);
    }

    /** One payer account's payments received in one day above {@code limit} (default 500,000.00): alert only. */
    public record DailyTotal(Boolean enabled, BigDecimal limit, Boolean hold) {
        public DailyTotal {
            enabled = enabled == null || enabled;
            limit = limit == null ? new BigDecimal("500000.00") : limit;
            hold = hold != null && hold;
        }
    }

    /**
     * An account with regular activity — payments on at least {@code minActiveDays} (5) of the
     * {@code lookbackBankDays} (20) bank days before — and none for {@code quietBankDays} (3) consecutive bank days.
     */
    public record Dormant(Boolean enabled, Integer quietBankDays, Integer lookbackBankDays, Integer minActiveDays) {
        public Dormant {
            enabled = enabled == null || enabled;
            quietBankDays = quietBankDays == null ? 3 : quietBankDays;
            lookbackBankDays = lookbackBankDays == null ? 20 : lookbackBankDays;
            minActiveDays = minActiveDays == null ? 5 : minActiveDays;
            if (quietBankDays < 1 || lookbackBankDays < 1 || minActiveDays < 1 || minActiveDays > lookbackBankDays) {
                throw new IllegalArgumentException("dormant: quiet-bank-days, lookback-bank-days and min-active-days"
                        + " must be positive, min-active-days at most lookback-bank-days");
            }
        }
    }

    /** The same payee account and amount again within {@code days} (7) days: holds. */
    public record Duplicate(Boolean enabled, Integer days, Boolean hold) {
        public Duplicate {
            enabled = enabled == null || enabled;
            days = days == null ? 7 : days;
            hold = hold == null || hold;
        }
    }

    /**
     * At least {@code minCount} (2) payments to one payee in a day, each within {@code band} (10%) below one
     * approval threshold: holds.
     */
    public record Splitting(Boolean enabled, BigDecimal band, Integer minCount, Boolean hold) {
        public Splitting {
            enabled = enabled == null || enabled;
            band = band == null ? new BigDecimal("0.10") : band;
            minCount = minCount == null ? 2 : minCount;
            hold = hold == null || hold;
        }
    }

    /** Payees no payment may reach without one more approval: by account number or by name. Holds. */
    public record BlockList(Boolean enabled, Boolean hold, List<Entry> entries) {
        public BlockList {
            enabled = enabled == null || enabled;
            hold = hold == null || hold;
            entries = entries == null ? List.of() : List.copyOf(entries);
        }

        /** One blocked payee: an account number, a name, or both, and why it is blocked. */
        public record Entry(String account, String name, String reason) {
        }
    }

    /** A payee name that is not a name the account was paid under before: holds. */
    public record NameMismatch(Boolean enabled, Boolean hold) {
        public NameMismatch {
            enabled = enabled == null || enabled;
            hold = hold == null || hold;
        }
    }
}
