package org.jincai.batch.reconcile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The run's {@code reconciliation.csv} (UTF-8, RFC 4180 quoting): one line per payment an entry matched
 * ({@code MATCHED}) or gave back ({@code RETURNED}), with the rule, then one per exception the run opened
 * ({@code EXCEPTION}, with its kind). Rows are streamed from the database, never held; the file is written
 * under {@code .part} and renamed when whole.
 */
public class ReconciliationReport {

    public static final String FILE_NAME = "reconciliation.csv";
    static final String HEADER = "record,bank_code,account_no,statement_id,entry_key,tx_seq,payment_id,rule_or_kind,"
            + "amount,expected_amount,booking_date,exception_id,detail";

    private final NamedParameterJdbcTemplate jdbc;

    public ReconciliationReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the run's file into {@code folder}; returns its path. */
    public Path write(String runId, Path folder) {
        Path target = folder.resolve(FILE_NAME);
        Path part = folder.resolve(FILE_NAME + ".part");
        MapSqlParameterSource run = new MapSqlParameterSource("run", runId);
        try {
            Files.createDirectories(folder);
            try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                jdbc.query("""
                        SELECT match_kind, bank_code, account_no, statement_id, entry_key, tx_seq, payment_id, rule_code,
                               amount, booking_date FROM recon_match WHERE run_id = :run
                         ORDER BY bank_code, account_no, statement_id, entry_key, tx_seq""", run, rs -> {
                    line(out, "DEBIT".equals(rs.getString(1)) ? "MATCHED" : "RETURNED", rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), Integer.toString(rs.getInt(6)), rs.getString(7),
                            rs.getString(8), plain(rs.getBigDecimal(9)), "", text(rs.getObject(10)), "", "");
                });
                jdbc.query("""
                        SELECT bank_code, account_no, statement_id, entry_key, payment_id, kind, amount, expected_amount,
                               booking_date, exception_id, detail FROM recon_exception WHERE run_id = :run
                         ORDER BY exception_id""", run, rs -> {
                    line(out, "EXCEPTION", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), "",
                            rs.getString(5), rs.getString(6), plain(rs.getBigDecimal(7)), plain(rs.getBigDecimal(8)),
                            text(rs.getObject(9)), rs.getString(10),
                            rs.getString(11));
                });
            }
            return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Matches of the run by rule (debits) and the payments it returned. */
    public Map<String, Long> matchedByRule(String runId) {
        Map<String, Long> byRule = new LinkedHashMap<>();
        jdbc.query("SELECT rule_code, COUNT(*) FROM recon_match WHERE run_id = :run AND match_kind = 'DEBIT'"
                + " GROUP BY rule_code ORDER BY rule_code", new MapSqlParameterSource("run", runId), rs -> {
                    byRule.put(rs.getString(1), rs.getLong(2));
                });
        return byRule;
    }

    public Map<String, Long> exceptionsByKind(String runId) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        jdbc.query("SELECT kind, COUNT(*) FROM recon_exception WHERE run_id = :run GROUP BY kind ORDER BY kind",
                new MapSqlParameterSource("run", runId), rs -> {
                    byKind.put(rs.getString(1), rs.getLong(2));
                });
        return byKind;
    }

    public long count(String sql, String runId) {
        Long n = jdbc.queryForObject(sql, new MapSqlParameterSource("run", runId), Long.class);
        return n == null ? 0 : n;
    }

    private static void line(BufferedWriter out, String... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(fields[i]));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }
}
