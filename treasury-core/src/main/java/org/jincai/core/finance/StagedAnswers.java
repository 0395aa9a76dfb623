package org.jincai.core.finance;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jincai.core.release.StagingArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files staged for a finance system's outbox, as the database knows them, whatever their {@link Kind}: the
 * receipts and returns of stored vouchers ({@code voucher_answer}, V40), the duplicate notices and intake returns
 * ({@code voucher_notice}) and reconciliation's returns ({@code recon_return}, both V41) — looked up by file name
 * through one view ({@code finance_outbox_file}). Each row records the staging area holding its file
 * ({@code staged_by}, the identity of the node's {@code <home>/finance-outbound}: {@link StagingArea#id}, recorded by
 * {@link ReceiptService}, {@link InboxIntakeService} and {@code ReturnsUpstream} between the write of the file's
 * {@code .part} and its rename), its bytes ({@code envelope}) and when the outbox route delivered it
 * ({@code delivered_at}). The route reads what is recorded of a waiting file ({@link #find}) and records its delivery
 * once the upload succeeded ({@link #delivered}); a node of a cluster takes over the files a lost node staged and
 * never delivered ({@link #restageHeldBy}).
 */
public class StagedAnswers {

    private static final Logger log = LoggerFactory.getLogger(StagedAnswers.class);

    /** The tables of the files staged for a finance system's outbox: each kind's table and its key. */
    public enum Kind {
        /** A receipt (回单) or return (退回) of a stored voucher. */
        ANSWER("voucher_answer", "answer_id"),
        /** A duplicate notice, or the return of a voucher refused at intake. */
        NOTICE("voucher_notice", "notice_id"),
        /** Reconciliation's return of a payment the bank gave back (keyed by the payment). */
        RETURN("recon_return", "payment_id");

        private final String table;
        private final String key;

        Kind(String table, String key) {
            this.table = table;
            this.key = key;
        }

        /** The audit object type of a file of this kind taken over: its table's name, upper case. */
        public String objectType() {
            return table.toUpperCase(Locale.ROOT);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FinanceDirectory finance;
    private final StagingArea outbound;
    private final Clock clock;

    /** @param outbound this node's staging area of answers (its {@code <home>/finance-outbound}) */
    public StagedAnswers(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FinanceDirectory finance,
                         StagingArea outbound, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.finance = finance;
        this.outbound = outbound;
        this.clock = clock;
    }

    /**
     * What is recorded of a file: its kind and row, the staging area holding it (null: recorded before V40/V41, or
     * never staged) and when it was delivered (null: not yet).
     */
    public record Recorded(Kind kind, String id, String stagedBy, Instant deliveredAt) {

        /** Another staging area than {@code here} holds the file now: another node took it over and sends it. */
        public boolean heldElsewhere(String here) {
            return stagedBy != null && !stagedBy.equals(here);
        }
    }

    /** What is recorded of the file named {@code fileName}; empty for a file the database knows nothing of. */
    public Optional<Recorded> find(String fileName) {
        return jdbc.query("""
                SELECT kind, file_id, staged_by, delivered_at FROM finance_outbox_file WHERE file_name = :name""",
                new MapSqlParameterSource("name", fileName), (rs, n) -> {
                    Timestamp at = rs.getTimestamp(4);
                    return new Recorded(Kind.valueOf(rs.getString(1).trim()), rs.getString(2), rs.getString(3),
                            at == null ? null : at.toInstant());
                }).stream().findFirst();
    }

    /**
     * Records that the file {@code fileName} reached its finance system's outbox: true when this call recorded it;
     * false when it was recorded before (a delivery repeated after a crash), when the file is another staging area's
     * now, or when the database knows nothing of it.
     */
    public boolean delivered(String fileName) {
        return find(fileName).map(r -> jdbc.update("UPDATE " + r.kind().table + " SET delivered_at = :now WHERE "
                        + r.kind().key + " = :id AND delivered_at IS NULL AND (staged_by IS NULL OR staged_by = :me)",
                new MapSqlParameterSource("now", Timestamp.from(clock.instant())).addValue("id", r.id())
                        .addValue("me", outbound.id())) == 1).orElse(false);
    }

    /**
     * A file taken over: its kind and row, its voucher and finance system, its file here, and the area it came from.
     */
    public record Taken(Kind kind, String id, String voucherNo, String financeSystem, String fileName, Path path,
                        String lostArea) {
    }

    private record Held(Kind kind, String id, String fileName, String financeSystem, String admDivCode,
                        String voucherNo) {
    }

    /**
     * Takes over the files staging area {@code stagingId} holds and that were never delivered, of every kind: the
     * node holding that area is lost, with its disk (the cluster's sweep, docs/deployment.md). Each file is written
     * again from its stored bytes — the same bytes, under the same name — into {@code <name>.part} in this node's
     * area, then taken by one conditional update (still {@code stagingId}'s and still not delivered: of two nodes
     * sweeping at once, one takes it, the other removes its copy) and renamed for this node's outbox route. A file no
     * finance system of the configuration serves any more (a notice's system gone, or a voucher's AdmDivCode no
     * system serves) is left, logged {@code ANSWER_TAKEOVER_NO_SYSTEM}. {@code taking} runs for each file in the
     * transaction of its conditional update (the caller's audit record: a file is never taken without it). Returns the
     * files taken over; none when {@code stagingId} is this node's own area.
     */
    public List<Taken> restageHeldBy(String stagingId, Consumer<Taken> taking) {
        MapSqlParameterSource area = new MapSqlParameterSource("area", stagingId).addValue("me", outbound.id());
        List<Held> held = jdbc.query("""
                SELECT kind, file_id, file_name, finance_system, adm_div_code, voucher_no FROM finance_outbox_file
                 WHERE staged_by = :area AND staged_by <> :me AND delivered_at IS NULL
                 ORDER BY file_name""", area, (rs, n) -> new Held(Kind.valueOf(rs.getString(1).trim()),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        List<Taken> taken = new ArrayList<>();
        for (Held h : held) {
            Optional<FinanceSystem> system = h.financeSystem() != null
                    ? finance.find(h.financeSystem())
                    : finance.forAdmDivCode(h.admDivCode());
            if (system.isEmpty()) {
                log.warn("ANSWER_TAKEOVER_NO_SYSTEM: {} of voucher {} was staged by a lost node (staging area {}) and"
                        + " no finance system of the configuration serves it any more ({}): left", h.fileName(),
                        h.voucherNo(), stagingId, h.financeSystem() != null ? h.financeSystem()
                                : "AdmDivCode " + h.admDivCode());
                continue;
            }
            restageOne(h, system.get(), stagingId, taking).ifPresent(taken::add);
        }
        return taken;
    }

    private Optional<Taken> restageOne(Held h, FinanceSystem system, String lostArea, Consumer<Taken> taking) {
        Kind kind = h.kind();
        byte[] envelope = jdbc.queryForObject("SELECT envelope FROM " + kind.table + " WHERE " + kind.key + " = :id",
                new MapSqlParameterSource("id", h.id()), (rs, n) -> rs.getBytes(1));
        Path part = outbound.writePart(system.code(), h.fileName(), envelope);
        Taken taken = new Taken(kind, h.id(), h.voucherNo(), system.code(), h.fileName(),
                outbound.folder(system.code()).resolve(h.fileName()), lostArea);
        Boolean took;
        try {
            took = tx.execute(status -> {
                int n = jdbc.update("UPDATE " + kind.table + " SET staged_by = :me WHERE " + kind.key
                                + " = :id AND staged_by = :lost AND delivered_at IS NULL",
                        new MapSqlParameterSource("me", outbound.id()).addValue("id", h.id())
                                .addValue("lost", lostArea));
                if (n == 1) {
                    taking.accept(taken);
                }
                return n == 1;
            });
        } catch (RuntimeException e) {
            outbound.discard(part);
            throw e;
        }
        if (!Boolean.TRUE.equals(took)) {
            outbound.discard(part);
            log.info("{} for {}: taken over by another node, or delivered by its own, meanwhile; left to it",
                    h.fileName(), system.code());
            return Optional.empty();
        }
        outbound.publish(part);
        log.warn("{} for {} was staged by a lost node (staging area {}) and never delivered: staged again here from"
                + " its stored bytes, {} bytes", h.fileName(), system.code(), lostArea, envelope.length);
        return Optional.of(taken);
    }
}
