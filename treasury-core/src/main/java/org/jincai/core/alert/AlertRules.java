package org.jincai.core.alert;

/** The rule codes alerts carry: stable, what callers filter and tests match on. */
public final class AlertRules {

    /** One payer account's payments of one day above the limit (default 500,000.00 CNY). */
    public static final String DAILY_TOTAL = "DAILY_TOTAL";
    /** An account with regular activity and no transaction for consecutive bank days (the scan). */
    public static final String DORMANT_ACCOUNT = "DORMANT_ACCOUNT";
    /** The same payee account and amount again within a number of days: a possible duplicate payment. */
    public static final String DUPLICATE_PAYMENT = "DUPLICATE_PAYMENT";
    /** Several payments to one payee in a day, each just under an approval threshold. */
    public static final String SPLIT_PAYMENTS = "SPLIT_PAYMENTS";
    /** A payee on the block list. */
    public static final String BLOCKED_PAYEE = "BLOCKED_PAYEE";
    /** A payee name that is not the name the account was paid under before. */
    public static final String PAYEE_NAME_MISMATCH = "PAYEE_NAME_MISMATCH";
    /** A budget indicator past its warning threshold (default 90% used). */
    public static final String BUDGET_WARNING = "BUDGET_WARNING";
    /** A month's plan past the warning threshold. */
    public static final String PLAN_WARNING = "PLAN_WARNING";
    /** An indicator behind its performance target (绩效目标) at a month's end: the monthly report's warning. */
    public static final String PERFORMANCE_BEHIND = "PERFORMANCE_BEHIND";
    /** A filing notice (备案) to the finance department: a major project's payment approved. */
    public static final String FILING = "FILING";

    private AlertRules() {
    }
}
