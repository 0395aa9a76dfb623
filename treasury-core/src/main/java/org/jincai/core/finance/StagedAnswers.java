package org.jincai.core.finance;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jincai.core.release.StagingArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The receipts and returns ({@code voucher_answer}) staged for a finance system's outbox, as the database knows them
 * (migration V40): the staging area holding each file ({@code staged_by}, the identity of the node's
 * {@code <home>/finance-outbound}: {@link StagingArea#id}, recorded by {@link ReceiptService}) and when the outbox
 * route delivered it ({@code delivered_at}). The route reads what is recorded of a waiting file ({@link #find}) and
 * records its delivery once the upload succeeded ({@link #delivered}); a node of a cluster takes over the answers a
 * lost node staged and never delivered ({@link #restageHeldBy}). The duplicate notices and intake returns
 * ({@code voucher_notice}) and reconciliation's returns ({@code recon_return}) keep no envelope in the database and are
 * not among them.
 */
public class StagedAnswers {

    private static final Logger log = LoggerFactory.getLogger(StagedAnswers.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final FinanceDirectory finance;
    private final StagingArea outbound;
    private final Clock clock;

    /** @param outbound this node's staging area of answers (its {@code <home>/finance-outbound}) */
    public StagedAnswers(NamedParameterJdbcTemplate jdbc, FinanceDirectory finance, StagingArea outbound, Clock clock) {
        this.jdbc = jdbc;
        this.finance = finance;
        this.outbound = outbound;
        this.clock = clock;
    }

    /**
     * What is recorded of an answer's file: its answer, the staging area holding it (null: recorded before V40) and
     * when it was delivered (null: not yet).
     */
    public record Recorded(String answerId, String stagedBy, Instant deliveredAt) {

        /** Another staging area than {@code here} holds the file now: another node took it over and sends it. */
        public boolean heldElsewhere(String here) {
            return stagedBy != null && !stagedBy.equals(here);
        }
    }

    /**
     * What is recorded of the answer filed under {@code fileName}; empty for a file that is no voucher's receipt or
     * return (a duplicate notice, an intake's or reconciliation's return).
     */
    public Optional<Recorded> find(String fileName) {
        return jdbc.query("SELECT answer_id, staged_by, delivered_at FROM voucher_answer WHERE file_name = :name",
                new MapSqlParameterSource("name", fileName), (rs, n) -> {
                    Timestamp at = rs.getTimestamp(3);
                    return new Recorded(rs.getString(1), rs.getString(2), at == null ? null : at.toInstant());
                }).stream().findFirst();
    }

    /**
     * Records that the answer filed under {@code fileName} reached its finance system's outbox: true when this call
     * recorded it; false when it was recorded before (a delivery repeated after a crash), when its answer is another
     * staging area's now, or when the file is no voucher's answer.
     */
    public boolean delivered(String fileName) {
        return jdbc.update("""
                UPDATE voucher_answer SET delivered_at = :now
                 WHERE file_name = :name AND delivered_at IS NULL AND (staged_by IS NULL OR staged_by = :me)""",
                new MapSqlParameterSource("now", Timestamp.from(clock.instant())).addValue("name", fileName)
                        .addValue("me", outbound.id())) == 1;
    }

    /** An answer taken over: which, for which voucher and finance system, its file here, and the area it came from. */
    public record Taken(String answerId, String voucherNo, String financeSystem, String fileName, Path path,
                        String lostArea) {
    }

    private record Held(String answerId, String fileName, String admDivCode, String voucherNo) {
    }

    /**
     * Takes over the answers staging area {@code stagingId} holds and that were never delivered: the node holding that
     * area is lost, with its disk (the cluster's sweep, docs/deployment.md). Each answer's file is written again from
     * its stored envelope — the same bytes, under the same name — into {@code <name>.part} in this node's area, then
     * taken by one conditional update (still {@code stagingId}'s and still not delivered: of two nodes sweeping at
     * once, one takes it, the other removes its copy) and renamed for this node's outbox route. An answer whose voucher
     * no finance system of the configuration serves any more is left, logged {@code ANSWER_TAKEOVER_NO_SYSTEM}.
     * Returns the answers taken over; none when {@code stagingId} is this node's own area.
     */
    public List<Taken> restageHeldBy(String stagingId) {
        MapSqlParameterSource area = new MapSqlParameterSource("area", stagingId).addValue("me", outbound.id());
        List<Held> held = jdbc.query("""
                SELECT a.answer_id, a.file_name, v.adm_div_code, v.voucher_no
                  FROM voucher_answer a JOIN voucher v ON v.voucher_id = a.voucher_id
                 WHERE a.staged_by = :area AND a.staged_by <> :me AND a.delivered_at IS NULL
                 ORDER BY a.file_name""", area, (rs, n) -> new Held(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)));
        List<Taken> taken = new ArrayList<>();
        for (Held h : held) {
            Optional<FinanceSystem> system = finance.forAdmDivCode(h.admDivCode());
            if (system.isEmpty()) {
                log.warn("ANSWER_TAKEOVER_NO_SYSTEM: {} of voucher {} was staged by a lost node (staging area {}) and"
                        + " no finance system serves AdmDivCode {} any more: left", h.fileName(), h.voucherNo(),
                        stagingId, h.admDivCode());
                continue;
            }
            restageOne(h, system.get(), stagingId).ifPresent(taken::add);
        }
        return taken;
    }

    private Optional<Taken> restageOne(Held h, FinanceSystem system, String lostArea) {
        byte[] envelope = jdbc.queryForObject("SELECT envelope FROM voucher_answer WHERE answer_id = :id",
                new MapSqlParameterSource("id", h.answerId()), (rs, n) -> rs.getBytes(1));
        Path part = outbound.writePart(system.code(), h.fileName(), envelope);
        int took;
        try {
            took = jdbc.update("""
                    UPDATE voucher_answer SET staged_by = :me
                     WHERE answer_id = :id AND staged_by = :lost AND delivered_at IS NULL""",
                    new MapSqlParameterSource("me", outbound.id()).addValue("id", h.answerId())
                            .addValue("lost", lostArea));
        } catch (RuntimeException e) {
            outbound.discard(part);
            throw e;
        }
        if (took != 1) {
            outbound.discard(part);
            log.info("{} for {}: taken over by another node, or delivered by its own, meanwhile; left to it",
                    h.fileName(), system.code());
            return Optional.empty();
        }
        Path path = outbound.publish(part);
        log.warn("{} for {} was staged by a lost node (staging area {}) and never delivered: staged again here from"
                + " its envelope, {} bytes", h.fileName(), system.code(), lostArea, envelope.length);
        return Optional.of(new Taken(h.answerId(), h.voucherNo(), system.code(), h.fileName(), path, lostArea));
    }
}
