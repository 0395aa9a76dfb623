package org.jincai.core.release;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jincai.core.TreasuryException;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Records that a staged file reached the bank's server: the delivery becomes UPLOADED, its payments SENT. */
public class DeliveryService {

    public static final String UNKNOWN_DELIVERY = "UNKNOWN_DELIVERY";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final Clock clock;

    public DeliveryService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                           PaymentLifecycle lifecycle, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * Records an upload attempt before it starts (status UPLOADING, attempts + 1), so an interrupted attempt
     * is known: the next one first looks whether the file already reached the bank's server. Returns the
     * attempt number, or 0 when the delivery is already uploaded or answered (nothing to send).
     */
    public int markUploading(String bankCode, String fileName) {
        return tx.execute(status -> {
            Delivery d = require(bankCode, fileName);
            if (d.status() != DeliveryStatus.PREPARED && d.status() != DeliveryStatus.UPLOADING) {
                return 0;
            }
            jdbc.update("UPDATE bank_delivery SET status = :s, attempts = attempts + 1 WHERE delivery_id = :id",
                    new MapSqlParameterSource("s", DeliveryStatus.UPLOADING.name()).addValue("id", d.deliveryId()));
            Integer attempts = jdbc.queryForObject("SELECT attempts FROM bank_delivery WHERE delivery_id = :id",
                    new MapSqlParameterSource("id", d.deliveryId()), Integer.class);
            return attempts == null ? 1 : attempts;
        });
    }

    /** Idempotent: a delivery already marked uploaded is left as it is. Returns false in that case. */
    public boolean markUploaded(String bankCode, String fileName, String actor) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Delivery d = require(bankCode, fileName);
            if (d.status() != DeliveryStatus.PREPARED && d.status() != DeliveryStatus.UPLOADING) {
                return false;
            }
            jdbc.update("UPDATE bank_delivery SET status = :s, uploaded_at = :now WHERE delivery_id = :id",
                    new MapSqlParameterSource("s", DeliveryStatus.UPLOADED.name())
                            .addValue("now", Timestamp.from(clock.instant())).addValue("id", d.deliveryId()));
            List<String> ids = payments.findByDelivery(d.deliveryId()).stream().map(Payment::paymentId).toList();
            lifecycle.move(ids, PaymentStatus.RELEASED, PaymentStatus.SENT, actor, "uploaded in " + fileName);
            return true;
        }));
    }

    private Delivery require(String bankCode, String fileName) {
        return find(bankCode, fileName).orElseThrow(() -> new TreasuryException(UNKNOWN_DELIVERY,
                "no delivery " + fileName + " for bank " + bankCode, bankCode + "/" + fileName));
    }

    public Optional<Delivery> find(String bankCode, String fileName) {
        return jdbc.query("""
                SELECT delivery_id, bank_code, file_name, message_id, tx_count, total_amount, status
                  FROM bank_delivery WHERE bank_code = :bank AND file_name = :name""",
                new MapSqlParameterSource("bank", bankCode).addValue("name", fileName), Delivery.MAPPER)
                .stream().findFirst();
    }

    public Optional<Delivery> findByMessageId(String bankCode, String messageId) {
        return jdbc.query("""
                SELECT delivery_id, bank_code, file_name, message_id, tx_count, total_amount, status
                  FROM bank_delivery WHERE bank_code = :bank AND message_id = :msg""",
                new MapSqlParameterSource("bank", bankCode).addValue("msg", messageId), Delivery.MAPPER)
                .stream().findFirst();
    }
}
