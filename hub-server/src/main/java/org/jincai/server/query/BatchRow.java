package org.jincai.server.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A payment batch: the approved payments of one bank, debit account and execution date, split into files. */
public record BatchRow(String batchId, String bankCode, String payAcctNo, LocalDate executionDate, int transactions,
                       BigDecimal totalAmount, int fileCount, Instant createdAt, String createdBy) {
}
