package org.jincai.core.alert;

import static org.jincai.core.Digests.fit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.payment.PaymentRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alerts of the fiscal controls: raised by the risk rules, the budget's warning threshold and filing
 * notices, each once (by its dedup key), each appended to the audit trail; listed within the reader's data
 * scope; acknowledged once, with a reason, by a user whose scope covers it.
 */
public class AlertService {

    public static final String ALERT_NOT_FOUND = "ALERT_NOT_FOUND";
    public static final String ALERT_NOT_OPEN = "ALERT_NOT_OPEN";
    public static final String OBJECT_TYPE = "ALERT";

    private static final String SELECT = """
            SELECT a.alert_id, a.rule_code, a.status, a.hold, a.voucher_id, v.voucher_no, a.payment_id, a.adm_div_code,
                   a.agency_code, a.account_no, a.amount, a.detail, a.raised_at, a.acked_by, a.acked_at, a.ack_reason
              FROM control_alert a LEFT JOIN voucher v ON v.voucher_id = a.voucher_id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    public AlertService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Raises the alerts not raised before, inside the caller's transaction (they commit or roll back with what
     * raised them); returns their ids, in order.
     */
    public List<String> raise(List<NewAlert> alerts, String actor, AuditEntry.Channel channel) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Set<String> known = known(alerts.stream().map(a -> key(a.dedupKey())).toList());
        Timestamp now = Timestamp.from(clock.instant());
        List<String> ids = new ArrayList<>();
        List<SqlParameterSource> rows = new ArrayList<>();
        List<NewAlert> raised = new ArrayList<>();
        for (NewAlert a : alerts) {
            String key = key(a.dedupKey());
            if (!known.add(key)) {
                continue;
            }
            String id = Ids.newId();
            ids.add(id);
            raised.add(a);
            rows.add(new MapSqlParameterSource("id", id).addValue("key", key).addValue("rule", a.rule())
                    .addValue("hold", a.hold() ? 1 : 0).addValue("voucher", a.voucherId())
                    .addValue("payment", a.paymentId()).addValue("adm", fit(a.admDivCode(), 9))
                    .addValue("agency", fit(a.agencyCode(), 30)).addValue("account", fit(a.accountNo(), 40))
                    .addValue("amount", a.amount()).addValue("detail", fit(a.detail(), 1000)).addValue("now", now));
        }
        jdbc.batchUpdate("""
                INSERT INTO control_alert (alert_id, dedup_key, rule_code, status, hold, voucher_id, payment_id,
                    adm_div_code, agency_code, account_no, amount, detail, raised_at)
                VALUES (:id, :key, :rule, 'OPEN', :hold, :voucher, :payment, :adm, :agency, :account, :amount, :detail,
                    :now)""", rows.toArray(SqlParameterSource[]::new));
        for (int i = 0; i < ids.size(); i++) {
            NewAlert a = raised.get(i);
            audit.append(AuditEntry.of(actor, channel, "ALERT_RAISED", OBJECT_TYPE, ids.get(i))
                    .change(null, Alert.Status.OPEN + " " + a.rule() + (a.hold() ? " hold" : ""))
                    .because(a.detail()));
        }
        return ids;
    }

    /** Raises one alert in a transaction of its own (a scan); false when it was raised before. */
    public boolean raiseOnce(NewAlert alert, String actor, AuditEntry.Channel channel) {
        try {
            return !tx.execute(s -> raise(List.of(alert), actor, channel)).isEmpty();
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** Alerts inside {@code scope}, newest first, only the open ones when asked; at most {@code limit}. */
    public List<Alert> list(DataScope scope, boolean openOnly, int limit) {
        MapSqlParameterSource p = scope.bind(new MapSqlParameterSource("limit", limit));
        String where = " WHERE " + scope.sqlCondition("a.adm_div_code", "a.agency_code")
                + (openOnly ? " AND a.status = 'OPEN'" : "");
        return jdbc.query(SELECT + where + " ORDER BY a.raised_at DESC, a.alert_id FETCH FIRST :limit ROWS ONLY", p,
                AlertService::map);
    }

    /** The alerts raised about one voucher, oldest first (what an approver reads before deciding a hold). */
    public List<Alert> forVoucher(String voucherId) {
        return jdbc.query(SELECT + " WHERE a.voucher_id = :v ORDER BY a.raised_at, a.alert_id",
                new MapSqlParameterSource("v", voucherId), AlertService::map);
    }

    public Optional<Alert> find(String alertId) {
        return jdbc.query(SELECT + " WHERE a.alert_id = :id", new MapSqlParameterSource("id", alertId),
                AlertService::map).stream().findFirst();
    }

    /**
     * Acknowledges an open alert with a reason, once: {@value #ALERT_NOT_FOUND}, {@code OUT_OF_SCOPE},
     * {@code REASON_REQUIRED} or {@value #ALERT_NOT_OPEN} otherwise. Recorded in the audit trail.
     */
    public Alert acknowledge(String alertId, Actor who, String reason) {
        String location = "alert " + alertId;
        String why = ControlCodes.requireReason(reason, location);
        return tx.execute(s -> {
            Alert a = find(alertId).orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND,
                    ALERT_NOT_FOUND, "no alert " + alertId, location));
            if (!who.scope().allows(a.admDivCode(), a.agencyCode())) {
                throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE,
                        "alert " + alertId + " is outside " + who.name() + "'s data scope", location);
            }
            int n = jdbc.update("""
                    UPDATE control_alert SET status = 'ACKNOWLEDGED', acked_by = :who, acked_at = :now, ack_reason = :why
                     WHERE alert_id = :id AND status = 'OPEN'""",
                    new MapSqlParameterSource("who", fit(who.name(), 64)).addValue("now", Timestamp.from(clock.instant()))
                            .addValue("why", fit(why, 400)).addValue("id", alertId));
            if (n == 0) {
                throw new ControlException(ControlException.Kind.CONFLICT, ALERT_NOT_OPEN, "alert " + alertId
                        + " was already acknowledged", location);
            }
            audit.append(AuditEntry.of(who.name(), who.channel(), "ALERT_ACKNOWLEDGED", OBJECT_TYPE, alertId)
                    .change(Alert.Status.OPEN + " " + a.rule(), Alert.Status.ACKNOWLEDGED + " " + a.rule()).because(why));
            return find(alertId).orElseThrow();
        });
    }

    private Set<String> known(List<String> keys) {
        Set<String> known = new HashSet<>();
        for (int i = 0; i < keys.size(); i += PaymentRepository.IN_CHUNK) {
            known.addAll(jdbc.queryForList("SELECT dedup_key FROM control_alert WHERE dedup_key IN (:keys)",
                    new MapSqlParameterSource("keys", keys.subList(i, Math.min(keys.size(), i + PaymentRepository.IN_CHUNK))),
                    String.class));
        }
        return known;
    }

    private static String key(String dedupKey) {
        return Digests.sha256(dedupKey.getBytes(StandardCharsets.UTF_8));
    }

    private static Alert map(ResultSet rs, int row) throws SQLException {
        Timestamp acked = rs.getTimestamp("acked_at");
        return new Alert(rs.getString("alert_id"), rs.getString("rule_code"), Alert.Status.valueOf(rs.getString("status")),
                rs.getInt("hold") == 1, rs.getString("voucher_id"), rs.getString("voucher_no"),
                rs.getString("payment_id"), rs.getString("adm_div_code"), rs.getString("agency_code"),
                rs.getString("account_no"), rs.getBigDecimal("amount"), rs.getString("detail"),
                rs.getTimestamp("raised_at").toInstant(), rs.getString("acked_by"),
                acked == null ? null : acked.toInstant(), rs.getString("ack_reason"));
    }
}
