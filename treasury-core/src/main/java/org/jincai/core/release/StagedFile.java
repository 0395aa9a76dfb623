package org.jincai.core.release;

import java.math.BigDecimal;
import java.nio.file.Path;

/** A payment file built for a bank, recorded as a delivery and waiting in the bank's local outbound folder. */
public record StagedFile(String deliveryId, String bankCode, String fileName, String messageId, Path path,
                         int transactions, BigDecimal totalAmount) {
}
