package org.jincai.core.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/** Plain-JDBC access to payments: batch inserts, reads by id, state and delivery. */
public class PaymentRepository {

    /** How many values one IN list carries: well under every database's limit (Oracle's is 1000). */
    public static final int IN_CHUNK = 500;

    private static final String COLUMNS = """
            payment_id, voucher_id, seq, detail_id, bank_code, pay_acct_no, pay_acct_name, payee_acct_no,
            payee_acct_name, payee_bank_name, payee_bank_no, amount, currency, remittance, status, batch_id,
            delivery_id, bank_reason_code, bank_reason_text, paid_date, bank_reference""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public PaymentRepository(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts new payments in state RECEIVED, in one JDBC batch, without a budget classification. */
    public void insertAll(List<Payment> payments) {
        insertAll(payments, Collections.nCopies(payments.size(), null), null);
    }

    /**
     * Inserts new payments in state RECEIVED with each one's budget classification (same order; null for none)
     * and the day the hub received them (Beijing), in one JDBC batch.
     */
    public void insertAll(List<Payment> payments, List<BudgetClassification> classifications, LocalDate receivedOn) {
        insertAll(payments, classifications, receivedOn, PaymentStatus.RECEIVED);
    }

    /**
     * Inserts new payments already in {@code status}, for a caller that records their way there in the same
     * transaction ({@link PaymentLifecycle#recordCreatedThrough}); otherwise as {@link #insertAll(List, List, LocalDate)}.
     */
    public void insertAll(List<Payment> payments, List<BudgetClassification> classifications, LocalDate receivedOn,
                          PaymentStatus status) {
        insertAll(payments, classifications, receivedOn, status, null, null);
    }

    /**
     * Inserts new payments already RELEASED in {@code batchId}'s file {@code deliveryId}: payments born in the file
     * that carries them ({@link org.jincai.core.release.ReleaseService#stageBorn}), their way there recorded by the
     * caller in the same transaction; otherwise as {@link #insertAll(List, List, LocalDate)}.
     */
    public void insertReleased(List<Payment> payments, List<BudgetClassification> classifications,
                               LocalDate receivedOn, String batchId, String deliveryId) {
        insertAll(payments, classifications, receivedOn, PaymentStatus.RELEASED, batchId, deliveryId);
    }

    private void insertAll(List<Payment> payments, List<BudgetClassification> classifications, LocalDate receivedOn,
                           PaymentStatus status, String batchId, String deliveryId) {
        if (classifications.size() != payments.size()) {
            throw new IllegalArgumentException("one classification per payment");
        }
        if (payments.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        BudgetClassification none = new BudgetClassification(null, null, null, null, null, null, null);
        String state = status.name();
        // positional parameters, each bound by its type: a named one costs a look-up and a guess of its type per
        // value, which on a payroll file's thousand payments cost nearly as much as the database's own work on them
        List<Integer> rows = IntStream.range(0, payments.size()).boxed().toList();
        jdbc.getJdbcTemplate().batchUpdate("INSERT INTO payment (" + COLUMNS + ", created_at, updated_at,"
                + " agency_code, exp_func_code, gov_exp_eco_code, dep_exp_eco_code, fund_type_code, pro_cat_code,"
                + " dep_pro_code, received_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL,"
                + " NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, rows.size(), (ps, i) -> {
                    Payment p = payments.get(i);
                    BudgetClassification c = classifications.get(i) == null ? none : classifications.get(i);
                    ps.setString(1, p.paymentId());
                    ps.setString(2, p.voucherId());
                    ps.setInt(3, p.seq());
                    ps.setString(4, p.detailId());
                    ps.setString(5, p.bankCode());
                    ps.setString(6, p.payAcctNo());
                    ps.setString(7, p.payAcctName());
                    ps.setString(8, p.payeeAcctNo());
                    ps.setString(9, p.payeeAcctName());
                    ps.setString(10, p.payeeBankName());
                    ps.setString(11, p.payeeBankNo());
                    ps.setBigDecimal(12, p.amount());
                    ps.setString(13, p.currency());
                    ps.setString(14, p.remittance());
                    ps.setString(15, state);
                    ps.setString(16, batchId);
                    ps.setString(17, deliveryId);
                    ps.setTimestamp(18, now);
                    ps.setTimestamp(19, now);
                    ps.setString(20, c.agencyCode());
                    ps.setString(21, c.expFuncCode());
                    ps.setString(22, c.govExpEcoCode());
                    ps.setString(23, c.depExpEcoCode());
                    ps.setString(24, c.fundTypeCode());
                    ps.setString(25, c.proCatCode());
                    ps.setString(26, c.depProCode());
                    if (receivedOn == null) {
                        ps.setNull(27, Types.DATE);
                    } else {
                        ps.setObject(27, receivedOn);
                    }
                });
    }

    public Optional<Payment> find(String paymentId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment WHERE payment_id = :id",
                new MapSqlParameterSource("id", paymentId), PaymentRepository::map).stream().findFirst();
    }

    /** The payments with these ids, by id (unknown ids are absent); read in chunks of {@value #IN_CHUNK}. */
    public Map<String, Payment> findAll(List<String> paymentIds) {
        Map<String, Payment> found = new HashMap<>();
        for (int i = 0; i < paymentIds.size(); i += IN_CHUNK) {
            jdbc.query("SELECT " + COLUMNS + " FROM payment WHERE payment_id IN (:ids)",
                    new MapSqlParameterSource("ids", paymentIds.subList(i, Math.min(paymentIds.size(), i + IN_CHUNK))),
                    PaymentRepository::map).forEach(p -> found.put(p.paymentId(), p));
        }
        return found;
    }

    public List<Payment> findByStatus(PaymentStatus status) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment WHERE status = :status"
                        + " ORDER BY bank_code, pay_acct_no, voucher_id, seq",
                new MapSqlParameterSource("status", status.name()), PaymentRepository::map);
    }

    public List<Payment> findByDelivery(String deliveryId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment WHERE delivery_id = :d ORDER BY voucher_id, seq",
                new MapSqlParameterSource("d", deliveryId), PaymentRepository::map);
    }

    public List<Payment> findByVoucher(String voucherId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment WHERE voucher_id = :v ORDER BY seq",
                new MapSqlParameterSource("v", voucherId), PaymentRepository::map);
    }

    /** Records what the bank said when it paid: the value date and its own reference. */
    public void recordPaid(List<PaidCredit> paid) {
        jdbc.batchUpdate("UPDATE payment SET paid_date = :date, bank_reference = :ref WHERE payment_id = :id",
                paid.stream().map(p -> new MapSqlParameterSource()
                        .addValue("date", p.paidDate()).addValue("ref", p.bankReference()).addValue("id", p.paymentId()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** One payment the bank reports as paid, on which date and under which reference. */
    public record PaidCredit(String paymentId, LocalDate paidDate, String bankReference) {
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(
                rs.getString("payment_id"),
                rs.getString("voucher_id"),
                rs.getInt("seq"),
                rs.getString("detail_id"),
                rs.getString("bank_code"),
                rs.getString("pay_acct_no"),
                rs.getString("pay_acct_name"),
                rs.getString("payee_acct_no"),
                rs.getString("payee_acct_name"),
                rs.getString("payee_bank_name"),
                rs.getString("payee_bank_no"),
                rs.getBigDecimal("amount"),
                rs.getString("currency"),
                rs.getString("remittance"),
                PaymentStatus.valueOf(rs.getString("status")),
                rs.getString("batch_id"),
                rs.getString("delivery_id"),
                rs.getString("bank_reason_code"),
                rs.getString("bank_reason_text"),
                rs.getObject("paid_date", LocalDate.class),
                rs.getString("bank_reference"));
    }
}
