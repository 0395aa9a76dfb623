package org.jincai.server.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment file written for a bank (one delivery): its batch and part, name, message id, count and total, the
 * SHA-256 of its bytes, and its delivery status with when it was prepared, uploaded and answered.
 */
public record BankFileRow(String deliveryId, String batchId, String bankCode, String fileName, String messageId,
                          int partNo, int transactions, BigDecimal totalAmount, String sha256, String status,
                          int attempts, String statusReason, Instant statusAt, Instant preparedAt, Instant uploadedAt,
                          Instant answeredAt) {
}
