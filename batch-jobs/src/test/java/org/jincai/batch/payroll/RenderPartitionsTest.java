package org.jincai.batch.payroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The {@code render} step's partitions by file give the very files that staging a bank's payments one file after
 * another gives ({@link ReleaseService#stageNext}, the release path's sequential cut): the same payroll file run on two
 * databases — on the first by the job, DEMO-ISO's files planned before rendering and staged by partitions of two
 * files each; on the second the job's render refused (DEMO-ISO's staging folder is not a folder), then every DEMO-ISO
 * file staged by {@code stageNext} in a loop under the same batch ids — ends with the same files, batch ids, file
 * names, payments (by their line numbers), counts and totals. DEMO-ISO takes at most 4 credits and 12,000.00 CNY a
 * file and its lines mix 1.00 (files cut by the count), about 5,000.00 (cut by the amount) and 40,000.00 — above the
 * file's amount limit, which a payroll line is refused for at {@code validate} on both databases, as before (the
 * release path's cut, shared by the plan and {@code stageNext}, would put such a payment alone in a file).
 */
class RenderPartitionsTest {

    private static final int ROWS = 120;
    private static final String ISO = PayrollTestApp.ISO_PAYER;

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
    void partitionsByFileStageTheFilesTheSequentialCutStages() throws Exception {
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
        Map<String, String> limits = Map.of("jincai.test.iso-max-credits", "4", "jincai.test.iso-max-amount",
                "12000.00", "jincai.payroll.files-per-partition", "2");

        TestDatabase partitionedDb = open(TestDatabase.create());
        ConfigurableApplicationContext partitioned = open(PayrollTestApp.start(PayrollTestApp.properties(
                dir.resolve("partitioned"), partitionedDb.springProperties(), limits)));
        PayrollFixtures.importBudget(partitioned);
        PayrollLauncher.Outcome byFile = run(partitioned, file);
        assertThat(byFile.exitCode()).as(byFile.exitDescription()).isEqualTo("AWAITING_ANSWERS");

        TestDatabase sequentialDb = open(TestDatabase.create());
        Refused refused = renderRefused(sequentialDb, dir.resolve("sequential"), file, limits);
        String sequentialRun = refused.runId();
        stageOneAfterAnother(refused);

        List<String> expected = isoFiles(sequentialDb, sequentialRun);
        List<String> actual = isoFiles(partitionedDb, byFile.run().runId());
        assertThat(actual).as("the partitions' files, as the sequential cut makes them").isEqualTo(expected);
        assertThat(expected).as("files cut by the count and by the amount").hasSizeGreaterThan(10)
                .anyMatch(f -> f.contains(" 4 credits 4.00 "))
                .anyMatch(f -> f.contains(" 2 credits 10000.11 "));
        for (TestDatabase db : List.of(partitionedDb, sequentialDb)) {
            assertThat(db.count("SELECT COUNT(*) FROM payroll_line WHERE state = 'REFUSED' AND code ="
                    + " 'AMOUNT_INVALID'")).as("a line above the file's amount limit is refused, as before")
                    .isEqualTo(6);
            assertThat(db.count("SELECT COUNT(*) FROM payment WHERE amount > 12000")).isZero();
        }
        int partitions = partitionedDb.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE"
                + " 'render-bank:bank-DEMO-ISO-files-%' AND status = 'COMPLETED'");
        assertThat(partitions).as("two files a partition").isEqualTo((expected.size() + 1) / 2).isGreaterThan(1);
        assertThat(partitionedDb.count("SELECT COUNT(*) FROM payment WHERE bank_code = 'DEMO-ISO'"
                + " AND (status <> 'RELEASED' OR delivery_id IS NULL)")).as("every payment in one file").isZero();
    }

    /**
     * A payment above the bank's amount limit — which a payroll line cannot be, so made so in the database once the
     * run is approved — is a file of its own in the plan, as {@code stageNext} makes it; and the plan's files are
     * those {@code stageNext} stages, on the same payments.
     */
    @Test
    void aPaymentAboveTheAmountLimitIsAFileOfItsOwnInThePlanAsInTheSequentialCut() throws Exception {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(PayrollFixtures::valid).toList());
        TestDatabase db = open(TestDatabase.create());
        Refused refused = renderRefused(db, dir.resolve("one"), file, Map.of("jincai.test.iso-max-credits", "3",
                "jincai.test.iso-max-amount", "12000.00"));
        db.jdbc().update("UPDATE payment SET amount = 40000.00 WHERE voucher_id = :v AND bank_code = 'DEMO-ISO'"
                + " AND seq IN (9, 15)", new MapSqlParameterSource("v", refused.voucherId()));

        List<String> plan = plan(refused);
        stageOneAfterAnother(refused);

        assertThat(plan).as("the plan, file by file, is what stageNext staged").isEqualTo(staged(db, refused))
                .startsWith("RUN01001 2 credits 10000.06 3-5 " + PayrollTestApp.ISO_PAYER,
                        "RUN01002 1 credits 5000.06 7-7 " + PayrollTestApp.ISO_PAYER,
                        "RUN01003 1 credits 40000.00 9-9 " + PayrollTestApp.ISO_PAYER,
                        "RUN01004 2 credits 10000.22 11-13 " + PayrollTestApp.ISO_PAYER,
                        "RUN01005 1 credits 40000.00 15-15 " + PayrollTestApp.ISO_PAYER);
    }

    /**
     * A bank's payments from two payer accounts, interleaved — which a payroll run cannot have (one payroll account a
     * bank), so made so in the database: each account's payments are cut on their own and the files numbered by their
     * first payment, as {@code stageNext} stages them (it takes the account of the first payment left each time).
     */
    @Test
    void paymentsFromTwoPayerAccountsArePlannedAsStageNextStagesThem() throws Exception {
        Path file = PayrollFixtures.write(dir.resolve("payroll.csv"), StandardCharsets.UTF_8,
                java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(PayrollFixtures::valid).toList());
        TestDatabase db = open(TestDatabase.create());
        Refused refused = renderRefused(db, dir.resolve("two"), file, Map.of("jincai.test.iso-max-credits", "3"));
        String other = "9558800000000999";
        db.jdbc().update("UPDATE payment SET pay_acct_no = :o WHERE voucher_id = :v AND bank_code = 'DEMO-ISO'"
                + " AND seq IN (21, 25, 29, 33, 37)", new MapSqlParameterSource("v", refused.voucherId())
                .addValue("o", other));

        List<String> plan = plan(refused);
        stageOneAfterAnother(refused);

        assertThat(plan).as("the plan, file by file, is what stageNext staged").isEqualTo(staged(db, refused))
                .extracting(f -> f.substring(0, 8) + f.substring(f.lastIndexOf(' ')))
                .containsExactly("RUN01001 " + ISO, "RUN01002 " + ISO, "RUN01003 " + ISO, "RUN01004 " + other,
                        "RUN01005 " + ISO, "RUN01006 " + other, "RUN01007 " + ISO);
    }

    /** DEMO-ISO's files as planned: batch id (the run's id as RUN), credits, total, first-last number, account. */
    private static List<String> plan(Refused refused) {
        return refused.release().planFiles(refused.iso(), refused.voucherId(), refused.runId() + "01").stream()
                .map(f -> String.format("RUN01%03d %d credits %s %d-%d %s", f.number(), f.count(),
                        f.total().toPlainString(), f.firstSeq(), f.lastSeq(), f.payAcctNo())).toList();
    }

    /** DEMO-ISO's files as staged, in the form of {@link #plan}. */
    private static List<String> staged(TestDatabase db, Refused refused) {
        List<String> staged = new ArrayList<>();
        for (String f : isoFiles(db, refused.runId())) {
            String[] w = f.split(" ");
            List<String> seqs = List.of(f.substring(f.indexOf('[') + 1, f.indexOf(']')).split(", "));
            String account = db.jdbc().queryForObject("SELECT pay_acct_no FROM payment_batch WHERE batch_id = :b",
                    new MapSqlParameterSource("b", w[0].replace("RUN", refused.runId())), String.class);
            staged.add(w[0] + " " + w[2] + " credits " + w[4] + " " + seqs.get(0) + "-" + seqs.get(seqs.size() - 1)
                    + " " + account);
        }
        return staged;
    }

    /** A run whose render failed — DEMO-ISO's staging folder is a file — and what stages its files by hand. */
    private record Refused(String runId, String voucherId, BankProfile iso, ReleaseService release) {
    }

    private Refused renderRefused(TestDatabase db, Path home, Path file, Map<String, String> properties)
            throws Exception {
        ConfigurableApplicationContext ctx = open(PayrollTestApp.start(PayrollTestApp.properties(home,
                db.springProperties(), properties)));
        PayrollFixtures.importBudget(ctx);
        Path isoFolder = home.resolve("staging/banks/DEMO-ISO");
        Files.createDirectories(isoFolder.getParent());
        Files.writeString(isoFolder, "not a folder: DEMO-ISO's files cannot be staged");
        PayrollLauncher.Outcome refused = run(ctx, file);
        assertThat(refused.exitCode()).as("DEMO-ISO's render refused").isEqualTo("FAILED");
        assertThat(isoFiles(db, refused.run().runId())).isEmpty();
        Files.delete(isoFolder);
        return new Refused(refused.run().runId(), refused.run().voucherId(),
                ctx.getBean(BankDirectory.class).require("DEMO-ISO"), ctx.getBean(ReleaseService.class));
    }

    /** DEMO-ISO's files staged one after another by stageNext, numbered as the render step numbers them. */
    private static void stageOneAfterAnother(Refused run) {
        for (int number = 1; ; number++) {
            Optional<StagedFile> next = run.release().stageNext(run.iso(), run.runId() + "01"
                    + String.format("%03d", number), run.voucherId(), "system:test");
            if (next.isEmpty()) {
                return;
            }
        }
    }

    private static PayrollLauncher.Outcome run(ConfigurableApplicationContext ctx, Path file) {
        return ctx.getBean(PayrollLauncher.class).run(new PayrollLauncher.Request(file, PayrollTestApp.AGENCY,
                "2026-11", "dept-head", null, null, "operator"));
    }

    /**
     * DEMO-ISO's files of the run, in the order of their batch ids, each as its batch id and file name without the
     * run's id, its credits, total and payments' line numbers.
     */
    private static List<String> isoFiles(TestDatabase db, String runId) {
        List<String> files = new ArrayList<>();
        for (Map<String, Object> d : db.jdbc().queryForList("SELECT delivery_id, batch_id, file_name, tx_count,"
                + " total_amount FROM bank_delivery WHERE bank_code = 'DEMO-ISO' AND batch_id LIKE :r"
                + " ORDER BY batch_id",
                new MapSqlParameterSource("r", runId + "%"))) {
            List<Integer> seqs = db.jdbc().queryForList("SELECT seq FROM payment WHERE delivery_id = :d ORDER BY seq",
                    new MapSqlParameterSource("d", d.get("delivery_id")), Integer.class);
            files.add(((String) d.get("batch_id")).replace(runId, "RUN") + " "
                    + ((String) d.get("file_name")).replace(runId, "RUN") + " " + d.get("tx_count") + " credits "
                    + ((BigDecimal) d.get("total_amount")).toPlainString() + " " + seqs);
        }
        return files;
    }

    private <T extends AutoCloseable> T open(T resource) {
        open.add(resource);
        return resource;
    }
}
