package org.jincai.batch.payroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The {@code render} step's partitions by file give the files the bank's limits cut: a payroll file run by the job,
 * DEMO-ISO's files planned from its lines before rendering and staged by partitions of two files each, ends with the
 * files a plain cut of DEMO-ISO's valid lines gives — taken in the order of their numbers, a file ending where the
 * next line would pass 4 credits or 12,000.00 CNY — with the same batch ids, line numbers, counts and totals, every
 * line born once as a payment in its file. DEMO-ISO's lines mix 1.00 (files cut by the count), about 5,000.00 (cut by
 * the amount) and 40,000.00 — above the file's amount limit, which a payroll line is refused for at {@code validate}.
 * The cut's corner cases (a row alone above the amount limit, two payer accounts) are ReleaseService's own tests. A
 * file is never born from another payer account than the one it was planned from.
 */
class RenderPartitionsTest {

    private static final int ROWS = 120;
    private static final int MAX_CREDITS = 4;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("12000.00");

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void partitionsByFileStageTheFilesTheBanksLimitsCut() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= ROWS; n++) {
            String valid = PayrollFixtures.valid(n);
            if (n % 2 == 0) {
                int k = n / 2 % 10;
                String amount = k < 5 ? "1.00" : k == 8 ? "40000.00" : "5000." + String.format("%02d", k);
                String[] f = valid.split(",", -1);
                f[7] = amount;
                valid = String.join(",", f);
            }
            lines.add(valid);
        }
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8, lines);
        Map<String, String> limits = Map.of("jincai.test.iso-max-credits", String.valueOf(MAX_CREDITS),
                "jincai.test.iso-max-amount", MAX_AMOUNT.toPlainString(), "jincai.payroll.files-per-partition", "2");

        TestDatabase db = open(TestDatabase.create());
        ConfigurableApplicationContext ctx = open(PayrollTestApp.start(PayrollTestApp.properties(dir.resolve("home"),
                db.springProperties(), limits)));
        PayrollFixtures.importBudget(ctx);
        PayrollLauncher.Outcome outcome = ctx.getBean(PayrollLauncher.class).run(new PayrollLauncher.Request(file,
                PayrollTestApp.AGENCY, "2026-11", "dept-head", null, null, "operator"));
        assertThat(outcome.exitCode()).as(outcome.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        String runId = outcome.run().runId();

        List<String> expected = cut(db, runId);
        assertThat(isoFiles(db, runId)).as("the partitions' files, as the bank's limits cut the lines")
                .isEqualTo(expected);
        assertThat(expected).as("files cut by the count and by the amount").hasSizeGreaterThan(10)
                .anyMatch(f -> f.contains(" 4 credits 4.00 "))
                .anyMatch(f -> f.contains(" 2 credits 10000.11 "));
        assertThat(db.count("SELECT COUNT(*) FROM payroll_line WHERE state = 'REFUSED' AND code = 'AMOUNT_INVALID'"))
                .as("a line above the file's amount limit is refused").isEqualTo(6);
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE amount > 12000")).isZero();
        int partitions = db.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE"
                + " 'render-bank:bank-DEMO-ISO-files-%' AND status = 'COMPLETED'");
        assertThat(partitions).as("two files a partition").isEqualTo((expected.size() + 1) / 2).isGreaterThan(1);
        assertThat(db.count("SELECT COUNT(*) FROM payroll_line l WHERE l.state = 'VALID' AND NOT EXISTS (SELECT 1"
                + " FROM payment p JOIN payroll_run r ON r.voucher_id = p.voucher_id WHERE r.run_id = l.run_id"
                + " AND p.seq = l.line_no AND p.status = 'RELEASED' AND p.delivery_id IS NOT NULL)"))
                .as("every valid line born once, RELEASED in a file").isZero();
    }

    /**
     * A run whose render stopped (DEMO-ISO's staging folder not a folder), restarted after DEMO-ISO's payroll payer
     * account was changed: its files were planned from the old account, so none is staged from the new one
     * (PAYROLL_NOT_CONFIGURED, no payment born); set back, the restart stages every file from the planned account.
     */
    @Test
    void aFileIsNeverBornFromAnotherPayerThanTheOneItWasPlannedFrom() throws Exception {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                IntStream.rangeClosed(1, 40).mapToObj(PayrollFixtures::valid).toList());
        TestDatabase db = open(TestDatabase.create());
        Path home = dir.resolve("payer");
        ConfigurableApplicationContext first = open(PayrollTestApp.start(PayrollTestApp.properties(home,
                db.springProperties(), Map.of())));
        PayrollFixtures.importBudget(first);
        Path isoFolder = home.resolve("staging/banks/DEMO-ISO");
        Files.createDirectories(isoFolder.getParent());
        Files.writeString(isoFolder, "not a folder: DEMO-ISO's files cannot be staged");
        PayrollLauncher.Outcome stopped = first.getBean(PayrollLauncher.class).run(new PayrollLauncher.Request(file,
                PayrollTestApp.AGENCY, "2026-11", "dept-head", null, null, "operator"));
        assertThat(stopped.exitCode()).as(stopped.exitDescription()).isEqualTo("FAILED");
        first.close();
        Files.delete(isoFolder);
        String runId = stopped.run().runId();

        try (ConfigurableApplicationContext changed = PayrollTestApp.start(PayrollTestApp.properties(home,
                db.springProperties(), Map.of("jincai.payroll.payers[0].account", "9558800000000999")))) {
            PayrollLauncher.Outcome refused = changed.getBean(PayrollLauncher.class).restart(runId);
            assertThat(refused.exitCode()).isEqualTo("FAILED");
        }
        assertThat(db.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE"
                + " 'render-bank:bank-DEMO-ISO-%' AND status = 'FAILED' AND exit_message LIKE '%"
                + PayrollException.class.getName() + ": the payroll payer account of DEMO-ISO is 9558800000000999"
                + " but the run''s files were planned from " + PayrollTestApp.ISO_PAYER + "%'"))
                .as("DEMO-ISO's partitions refused, the reason in their exit message").isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE bank_code = 'DEMO-ISO'")).as("none born").isZero();

        try (ConfigurableApplicationContext restored = PayrollTestApp.start(PayrollTestApp.properties(home,
                db.springProperties(), Map.of()))) {
            PayrollLauncher.Outcome done = restored.getBean(PayrollLauncher.class).restart(runId);
            assertThat(done.exitCode()).as(done.exitDescription()).isEqualTo("AWAITING_ANSWERS");
        }
        assertThat(db.count("SELECT COUNT(*) FROM payment WHERE bank_code = 'DEMO-ISO' AND pay_acct_no = '"
                + PayrollTestApp.ISO_PAYER + "' AND status = 'RELEASED'")).as("every line of DEMO-ISO, from the planned"
                + " account").isEqualTo(db.count("SELECT COUNT(*) FROM payroll_line WHERE bank_code = 'DEMO-ISO'"
                + " AND state = 'VALID'")).isPositive();
    }

    /**
     * DEMO-ISO's valid lines cut in the order of their numbers by 4 credits and 12,000.00 CNY a file, in the form
     * of {@link #isoFiles}: what the render must stage, computed here without the release path.
     */
    private static List<String> cut(TestDatabase db, String runId) {
        List<String> files = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        BigDecimal[] total = {BigDecimal.ZERO};
        for (Map<String, Object> l : db.jdbc().queryForList("SELECT line_no, amount FROM payroll_line WHERE run_id"
                + " = :r AND bank_code = 'DEMO-ISO' AND state = 'VALID' ORDER BY line_no",
                new MapSqlParameterSource("r", runId))) {
            BigDecimal amount = (BigDecimal) l.get("amount");
            if (!numbers.isEmpty() && (numbers.size() == MAX_CREDITS
                    || total[0].add(amount).compareTo(MAX_AMOUNT) > 0)) {
                files.add(file(files.size() + 1, numbers, total[0]));
                numbers.clear();
                total[0] = BigDecimal.ZERO;
            }
            numbers.add(((Number) l.get("line_no")).intValue());
            total[0] = total[0].add(amount);
        }
        files.add(file(files.size() + 1, numbers, total[0]));
        return files;
    }

    private static String file(int number, List<Integer> lines, BigDecimal total) {
        return String.format("RUN01%03d %d credits %s %s", number, lines.size(), total.toPlainString(), lines);
    }

    /**
     * DEMO-ISO's files of the run, in the order of their batch ids, each as its batch id without the run's id, its
     * credits, total and payments' line numbers.
     */
    private static List<String> isoFiles(TestDatabase db, String runId) {
        List<String> files = new ArrayList<>();
        for (Map<String, Object> d : db.jdbc().queryForList("SELECT delivery_id, batch_id, tx_count, total_amount"
                + " FROM bank_delivery WHERE bank_code = 'DEMO-ISO' AND batch_id LIKE :r ORDER BY batch_id",
                new MapSqlParameterSource("r", runId + "%"))) {
            List<Integer> seqs = db.jdbc().queryForList("SELECT seq FROM payment WHERE delivery_id = :d ORDER BY seq",
                    new MapSqlParameterSource("d", d.get("delivery_id")), Integer.class);
            files.add(((String) d.get("batch_id")).replace(runId, "RUN") + " " + d.get("tx_count") + " credits "
                    + ((BigDecimal) d.get("total_amount")).toPlainString() + " " + seqs);
        }
        return files;
    }

    private <T extends AutoCloseable> T open(T resource) {
        open.add(resource);
        return resource;
    }
}
