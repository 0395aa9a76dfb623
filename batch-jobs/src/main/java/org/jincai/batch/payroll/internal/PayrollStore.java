package org.jincai.batch.payroll.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.core.Digests;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The payroll tables (V11): runs and their lines. Plain JDBC, batch inserts. */
public class PayrollStore {

    private static final String RUN_COLUMNS = "run_id, file_name, file_path, file_sha256, input_kind, charset_name,"
            + " adm_div_code, agency_code, pay_month, retry_of, voucher_id, approval_id, approve_as, status, created_by,"
            + " created_at";

    /** Rows a streamed read takes from the database at a time. */
    private static final int FETCH_SIZE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final Clock clock;

    public PayrollStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        JdbcTemplate paged = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        paged.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(paged);
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    /** The same database, reading large results a page of rows at a time (a cursor where the driver has one). */
    public NamedParameterJdbcTemplate streaming() {
        return streaming;
    }

    /** Inserts the run; a run of the same file, agency, month and retry is refused by the unique key. */
    public void insert(PayrollRun r) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO payroll_run (" + RUN_COLUMNS + ", updated_at) VALUES (:id, :name, :path, :sha, :kind,"
                        + " :charset, :adm, :agency, :month, :retry, NULL, NULL, :approveAs, :status, :by, :now, :now)",
                new MapSqlParameterSource("id", r.runId()).addValue("name", Digests.fit(r.fileName(), 200))
                        .addValue("path", Digests.fit(r.filePath(), 1000)).addValue("sha", r.sha256())
                        .addValue("kind", r.inputKind()).addValue("charset", r.charset())
                        .addValue("adm", r.admDivCode()).addValue("agency", r.agencyCode())
                        .addValue("month", r.month())
                        .addValue("retry", r.retryOf() == null ? PayrollRun.FIRST_RUN : r.retryOf())
                        .addValue("approveAs", r.approveAs()).addValue("status", r.status().name())
                        .addValue("by", Digests.fit(r.createdBy(), 64)).addValue("now", now));
    }

    public Optional<PayrollRun> find(String runId) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM payroll_run WHERE run_id = :id",
                new MapSqlParameterSource("id", runId), PayrollStore::run).stream().findFirst();
    }

    public Optional<PayrollRun> findByKey(String sha, String agency, String month, String retryOf) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM payroll_run WHERE file_sha256 = :sha AND agency_code = :agency"
                        + " AND pay_month = :month AND retry_of = :retry",
                new MapSqlParameterSource("sha", sha).addValue("agency", agency).addValue("month", month)
                        .addValue("retry", retryOf == null ? PayrollRun.FIRST_RUN : retryOf), PayrollStore::run)
                .stream().findFirst();
    }

    /**
     * The inputs ({@code file_path}) of the runs, whatever their state, that start with {@code prefix}, in one query.
     * The prefix is a LIKE pattern: a {@code _} or {@code %} in it matches more paths than asked, never fewer, so a
     * caller tests its own paths against the set.
     */
    public Set<String> inputsStartingWith(String prefix) {
        return new HashSet<>(jdbc.queryForList("SELECT file_path FROM payroll_run WHERE file_path LIKE :prefix",
                new MapSqlParameterSource("prefix", prefix + "%"), String.class));
    }

    /** The runs, newest first. */
    public List<PayrollRun> latest(int limit) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM payroll_run ORDER BY created_at DESC, run_id DESC"
                + " FETCH FIRST :n ROWS ONLY", new MapSqlParameterSource("n", limit), PayrollStore::run);
    }

    public void status(String runId, PayrollRun.Status status) {
        jdbc.update("UPDATE payroll_run SET status = :s, updated_at = :now WHERE run_id = :id",
                new MapSqlParameterSource("s", status.name()).addValue("id", runId)
                        .addValue("now", Timestamp.from(clock.instant())));
    }

    public void voucher(String runId, String voucherId) {
        jdbc.update("UPDATE payroll_run SET voucher_id = :v WHERE run_id = :id",
                new MapSqlParameterSource("v", voucherId).addValue("id", runId));
    }

    public void approval(String runId, String approvalId) {
        jdbc.update("UPDATE payroll_run SET approval_id = :a WHERE run_id = :id",
                new MapSqlParameterSource("a", approvalId).addValue("id", runId));
    }

    /**
     * Writes checked lines, in one JDBC batch of positional parameters (a named one costs a look-up and a guess of its
     * type per value: 18 a line); a line already there (a chunk done again after a crash) is a key violation.
     */
    public void insertLines(String runId, List<? extends PayrollRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().batchUpdate("""
                INSERT INTO payroll_line (run_id, line_no, employee_id, employee_name, id_type, id_number, bank_code,
                    account_no, account_name, amount, agency_code, exp_func_code, eco_code, fund_type_code, remark, state,
                    code, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, rows.size(), (ps, r) -> {
                    ps.setString(1, runId);
                    ps.setInt(2, r.lineNo());
                    ps.setString(3, Digests.fit(r.employeeId(), 64));
                    ps.setString(4, Digests.fit(r.name(), 200));
                    ps.setString(5, Digests.fit(r.idType(), 8));
                    ps.setString(6, Digests.fit(r.idNumber(), 40));
                    ps.setString(7, Digests.fit(r.bankCode(), 20));
                    ps.setString(8, Digests.fit(r.accountNo(), 40));
                    ps.setString(9, Digests.fit(r.accountName(), 200));
                    ps.setBigDecimal(10, r.amount());
                    ps.setString(11, Digests.fit(r.agencyCode(), 30));
                    ps.setString(12, Digests.fit(r.expFuncCode(), 30));
                    ps.setString(13, Digests.fit(r.ecoCode(), 30));
                    ps.setString(14, Digests.fit(r.fundTypeCode(), 30));
                    ps.setString(15, Digests.fit(r.remark(), 200));
                    ps.setString(16, r.state());
                    ps.setString(17, r.code());
                    ps.setString(18, Digests.fit(r.message(), 400));
                });
    }

    private static PayrollRun run(ResultSet rs, int n) throws SQLException {
        String retry = rs.getString("retry_of");
        return new PayrollRun(rs.getString("run_id"), rs.getString("file_name"), rs.getString("file_path"),
                rs.getString("file_sha256"), rs.getString("input_kind"), rs.getString("charset_name"),
                rs.getString("adm_div_code"), rs.getString("agency_code"), rs.getString("pay_month"),
                PayrollRun.FIRST_RUN.equals(retry) ? null : retry, rs.getString("voucher_id"),
                rs.getString("approval_id"), rs.getString("approve_as"), PayrollRun.Status.valueOf(rs.getString("status")),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
