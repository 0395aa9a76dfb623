package org.jincai.core.release;

import java.math.BigDecimal;
import org.springframework.jdbc.core.RowMapper;

/** One payment file for one bank, as recorded. */
public record Delivery(String deliveryId, String bankCode, String fileName, String messageId, int transactions,
                       BigDecimal totalAmount, DeliveryStatus status) {

    static final RowMapper<Delivery> MAPPER = (rs, n) -> new Delivery(rs.getString("delivery_id"),
            rs.getString("bank_code"), rs.getString("file_name"), rs.getString("message_id"), rs.getInt("tx_count"),
            rs.getBigDecimal("total_amount"), DeliveryStatus.valueOf(rs.getString("status")));
}
