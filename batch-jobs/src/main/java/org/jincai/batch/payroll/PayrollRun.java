package org.jincai.batch.payroll;

import java.time.Instant;

/**
 * One run of a payroll file for one agency and month: its file and SHA-256, how it was read, the run it re-runs the
 * failed lines of ({@code retryOf}, null for a first run), the voucher its payments belong to and the approval
 * they wait on, and where it stands ({@link Status}).
 */
public record PayrollRun(String runId, String fileName, String filePath, String sha256, String inputKind,
                         String charset, String admDivCode, String agencyCode, String month, String retryOf,
                         String voucherId, String approvalId, String approveAs, Status status, String createdBy,
                         Instant createdAt) {

    /** Where a run stands. */
    public enum Status {
        /** Taken, its job running or interrupted (a restart resumes it). */
        STARTED,
        /** Every payment waits for the run's one approval: approve it, then restart the run. */
        AWAITING_APPROVAL,
        /** Files staged for the banks; not every line has its bank's answer yet: restart the run to wait again. */
        AWAITING_ANSWERS,
        /** Every line refused, paid, failed or cancelled, and the outputs written. */
        COMPLETED,
        /**
         * The run's approval was rejected: every valid line CANCELLED (its budget released), nothing sent to a bank,
         * and the outputs written, the voucher answered as returned (VoucherFlag 2).
         */
        REJECTED,
        /** The job stopped on an error; a restart resumes it from its last commit. */
        FAILED
    }

    /** {@code retry_of} of a first run: a value, so the unique key holds on every database. */
    public static final String FIRST_RUN = "-";
}
