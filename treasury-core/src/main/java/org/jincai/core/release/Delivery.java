package org.jincai.core.release;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * One payment file for one bank, as recorded: its name and message id (unique per bank), what it carries,
 * the SHA-256 of the staged bytes, where it stands, how many upload attempts it took and why it is in its
 * status (the last error, what the hub looked for, an operator's reason) since when.
 */
public record Delivery(String deliveryId, String bankCode, String fileName, String messageId, int transactions,
                       BigDecimal totalAmount, DeliveryStatus status, String fileSha256, int attempts,
                       String statusReason, Instant statusAt, Instant preparedAt, Instant uploadedAt,
                       Instant answeredAt) {

    static final String COLUMNS = """
            delivery_id, bank_code, file_name, message_id, tx_count, total_amount, status, file_sha256, attempts,
            status_reason, status_at, prepared_at, uploaded_at, answered_at""";

    static final RowMapper<Delivery> MAPPER = (rs, n) -> new Delivery(rs.getString("delivery_id"),
            rs.getString("bank_code"), rs.getString("file_name"), rs.getString("message_id"), rs.getInt("tx_count"),
            rs.getBigDecimal("total_amount"), DeliveryStatus.valueOf(rs.getString("status")),
            rs.getString("file_sha256"), rs.getInt("attempts"), rs.getString("status_reason"),
            instant(rs.getTimestamp("status_at")), instant(rs.getTimestamp("prepared_at")),
            instant(rs.getTimestamp("uploaded_at")), instant(rs.getTimestamp("answered_at")));

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
