package org.jincai.bench.reconcile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jincai.bank.simulator.statement.Camt053V08Writer;
import org.jincai.batch.reconcile.StatementItemReader;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.reconcile.ReconStatement;
import org.jincai.core.reconcile.ReconcileOptions;
import org.jincai.core.reconcile.Reconciler;
import org.jincai.core.reconcile.StatementFiles;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.StatementEntry;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code jincai bench reconcile --entries N}: N statement entries (camt.053.001.08 files of
 * {@value #PER_STATEMENT} entries, one statement per account day, as a bank's end of day) against N payments
 * sent, on the embedded database (H2 on disk, migrated as the hub's). Two cases in the same run, over the same
 * files and payments:
 *
 * <ul>
 *   <li><b>reconcile</b>: the {@code reconcile} job's reader ({@link StatementItemReader}, which parses the next
 *       files on a thread of its own while the statements read are reconciled) and the core's {@link Reconciler}, a
 *       transaction per chunk of {@value #CHUNK} statements as the job's step commits them: every statement
 *       recorded, every match kept with its rule, the balance chain checked;</li>
 *   <li><b>baseline</b>: an in-memory hash join — every payment's id and amount read into a {@link HashMap},
 *       then the same files read (the same reader, streaming) and each entry looked up by its EndToEndId.</li>
 * </ul>
 *
 * Before either is timed, the first {@value #WARM_UP_FILES} files are read once through both readers (the XML reader
 * they share compiled by the JIT before either case, not during the first). Prints seconds, entries per second, the
 * peak live heap (in use right after a full collection, sampled every {@value #SAMPLE_EVERY} statements and at the
 * end of each case while its data is still referenced; the collections' time is not counted in the case's) and the
 * ratio of the two throughputs.
 */
public final class ReconcileBench {

    static final int PER_STATEMENT = 1_000;
    static final int CHUNK = 10;
    static final int SAMPLE_EVERY = 50;
    static final int WARM_UP_FILES = 20;
    static final String BANK = "DEMO-ISO";
    static final String PAYER = "110060149018000017";
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    static final BigDecimal OPENING = new BigDecimal("100000000000.00");

    private ReconcileBench() {
    }

    /** What one run measured. */
    public record Result(int entries, double setupSeconds, double reconcileSeconds, long reconcileMatched,
                         long reconcilePeakLive, double baselineSeconds, long baselineMatched, long baselinePeakLive,
                         double reconcileCpuSeconds, double baselineCpuSeconds) {

        public double reconcileRate() {
            return entries / reconcileSeconds;
        }

        public double baselineRate() {
            return entries / baselineSeconds;
        }

        public double ratio() {
            return reconcileRate() / baselineRate();
        }

        /**
         * The ratio by the CPU time the JVM spent in each case (every thread: H2's, the collector's, the JIT's),
         * which other processes on the machine bend less than the wall time.
         */
        public double cpuRatio() {
            return baselineCpuSeconds / reconcileCpuSeconds;
        }

        public boolean ok() {
            return reconcileMatched == entries && baselineMatched == entries;
        }
    }

    public static void main(String[] args) {
        int entries = args.length == 2 && args[0].equals("--entries") ? Integer.parseInt(args[1]) : 100_000;
        Result r = run(System.out, entries, null);
        System.exit(r.ok() ? 0 : 1);
    }

    /**
     * Runs both cases over a fresh database and files under {@code work}; with {@code work} null, under a temporary
     * folder removed afterwards (at 1,000,000 entries the statements take about a gigabyte).
     */
    public static Result run(PrintStream out, int entries, Path work) {
        try {
            Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("jincai-bench-reconcile");
            try {
                return measure(out, entries, dir.toAbsolutePath());
            } finally {
                if (work == null) {
                    try (var walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result measure(PrintStream out, int entries, Path dir) throws IOException {
        out.printf("bench reconcile: %,d entries against %,d payments, embedded H2 under %s%n", entries, entries, dir);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("db/bench")
                + ";WRITE_DELAY=0", "sa", "");
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                    .placeholders(Map.of("binary_type", "BLOB")).load().migrate();
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(pool);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            long t0 = System.nanoTime();
            insertPayments(jdbc, tx, entries);
            double insert = seconds(t0);
            long t1 = System.nanoTime();
            List<Path> files = writeStatements(dir.resolve("statements"), entries);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            double setup = seconds(t0);
            out.printf("  setup: %,d payments inserted in %.1f s; %,d statement files (%,d MB) written in %.1f s%n",
                    entries, insert, files.size(), bytes >> 20, seconds(t1));
            long w0 = System.nanoTime();
            int warmed = warmUp(files);
            out.printf("  warm-up (untimed): the first %,d files read by both cases' readers in %.1f s%n", warmed,
                    seconds(w0));

            LiveHeap heap = LiveHeap.start();
            long r0 = System.nanoTime();
            long rc0 = processCpuNanos();
            long matched = reconcile(jdbc, tx, files, heap);
            heap.sampleNow();
            double reconcileSeconds = seconds(r0) - heap.sampledSeconds();
            double reconcileCpu = (processCpuNanos() - rc0) / 1e9 - heap.sampledCpuSeconds();
            long reconcilePeak = heap.stop();

            heap = LiveHeap.start();
            long b0 = System.nanoTime();
            long bc0 = processCpuNanos();
            long joined = hashJoin(jdbc, files, heap);
            double baselineSeconds = seconds(b0) - heap.sampledSeconds();
            double baselineCpu = (processCpuNanos() - bc0) / 1e9 - heap.sampledCpuSeconds();
            long baselinePeak = heap.stop();

            Result r = new Result(entries, setup, reconcileSeconds, matched, reconcilePeak, baselineSeconds, joined,
                    baselinePeak, reconcileCpu, baselineCpu);
            out.println("  case                    seconds    entries/s   peak live heap MB   matched     CPU s");
            out.printf("  reconcile (job, H2)  %10.2f %12.0f %19d %,9d %9.2f%n", r.reconcileSeconds(),
                    r.reconcileRate(), r.reconcilePeakLive() >> 20, r.reconcileMatched(), r.reconcileCpuSeconds());
            out.printf("  baseline hash join   %10.2f %12.0f %19d %,9d %9.2f%n", r.baselineSeconds(), r.baselineRate(),
                    r.baselinePeakLive() >> 20, r.baselineMatched(), r.baselineCpuSeconds());
            out.printf("  ratio reconcile/baseline: %.2f (target >= 0.20)%s; by the JVM's CPU time: %.2f%n", r.ratio(),
                    r.ok() ? "" : "  MISMATCH: not every entry matched", r.cpuRatio());
            return r;
        } finally {
            pool.dispose();
        }
    }

    /** The CPU time of every thread of this JVM so far, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** One voucher, one batch, a payment file per {@value #PER_STATEMENT} payments, every payment SENT. */
    private static void insertPayments(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, int n) {
        Timestamp now = Timestamp.from(java.time.Instant.now());
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    INSERT INTO voucher (voucher_id, adm_div_code, st_year, vt_code, voucher_no, voucher_flag, vou_date,
                        agency_code, pay_bank_code, bank_code, pay_acct_no, pay_amt, detail_count, source, received_by,
                        received_at, payload_sha256, voucher_xml)
                    VALUES ('BENCHV', '420000', '2026', '5201', 'BENCH-1', 0, :day, '219011', :bank, :bank, :payer, 0, 0,
                        'bench', 'bench', :now, 'x', :xml)""", new MapSqlParameterSource("day", DAY).addValue("bank", BANK)
                    .addValue("payer", PAYER).addValue("now", now).addValue("xml", new byte[] {'<', '/', '>'}));
            jdbc.update("""
                    INSERT INTO payment_batch (batch_id, bank_code, pay_acct_no, execution_date, tx_count, total_amount,
                        file_count, created_at, created_by)
                    VALUES ('BENCHB', :bank, :payer, :day, :n, 0, :files, :now, 'bench')""",
                    new MapSqlParameterSource("bank", BANK).addValue("payer", PAYER).addValue("day", DAY)
                            .addValue("n", n).addValue("files", (n + PER_STATEMENT - 1) / PER_STATEMENT).addValue("now", now));
        });
        int step = 10_000;
        for (int from = 0; from < n; from += step) {
            int start = from;
            int size = Math.min(step, n - from);
            tx.executeWithoutResult(s -> {
                for (int d = start / PER_STATEMENT; d * PER_STATEMENT < start + size; d++) {
                    jdbc.update("""
                            INSERT INTO bank_delivery (delivery_id, batch_id, bank_code, file_name, message_id, part_no,
                                tx_count, total_amount, file_sha256, status, prepared_at)
                            VALUES (:id, 'BENCHB', :bank, :name, :id, :part, 0, 0, 'x', 'ANSWERED', :now)""",
                            new MapSqlParameterSource("id", delivery(d)).addValue("bank", BANK)
                                    .addValue("name", delivery(d) + ".xml").addValue("part", d).addValue("now", now));
                }
                jdbc.getJdbcTemplate().batchUpdate("""
                        INSERT INTO payment (payment_id, voucher_id, seq, bank_code, pay_acct_no, payee_acct_no,
                            payee_acct_name, amount, currency, status, batch_id, delivery_id, created_at, updated_at)
                        VALUES (?, 'BENCHV', ?, ?, ?, ?, ?, ?, 'CNY', 'SENT', 'BENCHB', ?, ?, ?)""",
                        new BatchPreparedStatementSetter() {
                            @Override
                            public void setValues(PreparedStatement ps, int i) throws SQLException {
                                int k = start + i;
                                ps.setString(1, paymentId(k));
                                ps.setInt(2, k + 1);
                                ps.setString(3, BANK);
                                ps.setString(4, PAYER);
                                ps.setString(5, payee(k));
                                ps.setString(6, "payee " + k);
                                ps.setBigDecimal(7, amount(k));
                                ps.setString(8, delivery(k / PER_STATEMENT));
                                ps.setTimestamp(9, now);
                                ps.setTimestamp(10, now);
                            }

                            @Override
                            public int getBatchSize() {
                                return size;
                            }
                        });
            });
        }
    }

    static String paymentId(int k) {
        return String.format("BP%030d", k);
    }

    static String delivery(int d) {
        return String.format("BENCHD%08d", d);
    }

    static String payee(int k) {
        return String.format("6222%015d", k);
    }

    static BigDecimal amount(int k) {
        return BigDecimal.valueOf(10_000 + (k * 7919L) % 9_990_000, 2);
    }

    /** One statement file per {@value #PER_STATEMENT} entries, each opening at the previous closing. */
    private static List<Path> writeStatements(Path folder, int n) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        BigDecimal balance = OPENING;
        OffsetDateTime created = DAY.atTime(18, 0).atOffset(ZoneOffset.ofHours(8));
        for (int from = 0, seq = 1; from < n; from += PER_STATEMENT, seq++) {
            int start = from;
            int size = Math.min(PER_STATEMENT, n - from);
            BigDecimal debits = BigDecimal.ZERO;
            for (int k = start; k < start + size; k++) {
                debits = debits.add(amount(k));
            }
            BigDecimal closing = balance.subtract(debits);
            String id = String.format("BENCH-STMT-%07d", seq);
            BankStatement s = new BankStatement(Camt053V08Writer.MESSAGE_NAME_ID, id, created, id, Integer.toString(seq),
                    null, created, null, null, PAYER, "CNY", "payer", null,
                    List.of(new Balance(Balance.OPENING_BOOKED, balance, "CNY", CreditDebit.CRDT, DAY, null),
                            new Balance(Balance.CLOSING_BOOKED, closing, "CNY", CreditDebit.CRDT, DAY, null)), List.of());
            Path file = folder.resolve(id + ".camt053.xml");
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                 Camt053V08Writer w = Camt053V08Writer.open(os, id, created)) {
                w.statement(s, entries(start, size));
                w.finish();
            }
            files.add(file);
            balance = closing;
        }
        return files;
    }

    private static Iterator<StatementEntry> entries(int start, int size) {
        return new Iterator<>() {
            int k = start;

            @Override
            public boolean hasNext() {
                return k < start + size;
            }

            @Override
            public StatementEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = k++;
                String ref = String.format("BK%012d", i);
                EntryTransaction t = EntryTransaction.of(paymentId(i), amount(i), "CNY", CreditDebit.DBIT, "payee " + i,
                        payee(i), null);
                return new StatementEntry(Integer.toString(i - start + 1), amount(i), "CNY", CreditDebit.DBIT, false,
                        "BOOK", DAY, null, DAY, null, ref, "PMNT/ICDT/DMCT", null, List.of(), List.of(t));
            }
        };
    }

    /**
     * Reads the first {@value #WARM_UP_FILES} files through the readers of both cases, untimed: the XML reader both
     * share is compiled (JIT) before either is timed, so its start-up cost falls on neither — else the case run
     * first, reconcile, paid it alone and the baseline read with a reader already compiled.
     */
    private static int warmUp(List<Path> files) {
        List<Path> some = files.subList(0, Math.min(WARM_UP_FILES, files.size()));
        CamtReader reader = CamtReader.camt053(IsoReadOptions.lenientUnchecked());
        for (Path f : some) {
            StatementFiles.read(BANK, f);
            reader.read(f, (statement, entry) -> { });
        }
        return some.size();
    }

    /** The job's reader and the core's reconciler, a transaction per chunk; returns the payments matched. */
    private static long reconcile(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, List<Path> files,
                                  LiveHeap heap) {
        Clock clock = Clock.systemUTC();
        AuditTrail audit = new AuditTrail(jdbc, tx, clock);
        Reconciler reconciler = new Reconciler(jdbc, new PaymentLifecycle(jdbc, clock, List.of()),
                new ExceptionQueue(jdbc, tx, audit, clock), BankCalendar.standard(), ReconcileOptions.defaults(), clock);
        StatementItemReader reader = new StatementItemReader(BANK, files, null, null);
        reader.open(new ExecutionContext());
        String run = "BENCH";
        boolean more = true;
        long done = 0;
        while (more) {
            List<ReconStatement> chunk = new ArrayList<>(CHUNK);
            ReconStatement s;
            while (chunk.size() < CHUNK && (s = reader.read()) != null) {
                chunk.add(s);
            }
            more = chunk.size() == CHUNK;
            tx.executeWithoutResult(t -> chunk.forEach(c -> reconciler.apply(c, run)));
            done += chunk.size();
            if (done % SAMPLE_EVERY == 0) {
                heap.sampleNow();
            }
        }
        reader.close();
        tx.executeWithoutResult(t -> reconciler.flagNotBooked(run));
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM recon_match WHERE run_id = 'BENCH'", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    /** The baseline: payments into a hash map, the same files streamed and joined by EndToEndId and amount. */
    private static long hashJoin(NamedParameterJdbcTemplate jdbc, List<Path> files, LiveHeap heap) {
        Map<String, BigDecimal> payments = new HashMap<>();
        jdbc.query("SELECT payment_id, amount FROM payment", rs -> {
            payments.put(rs.getString(1), rs.getBigDecimal(2));
        });
        AtomicLong matched = new AtomicLong();
        CamtReader reader = CamtReader.camt053(IsoReadOptions.lenientUnchecked());
        int read = 0;
        for (Path f : files) {
            if (++read % SAMPLE_EVERY == 0) {
                heap.sampleNow();
            }
            reader.read(f, (statement, entry) -> {
                for (EntryTransaction t : entry.transactions()) {
                    BigDecimal amount = payments.get(t.endToEndId());
                    if (amount != null && amount.compareTo(t.amount()) == 0) {
                        matched.incrementAndGet();
                    }
                }
            });
        }
        heap.sampleNow();
        return payments.isEmpty() ? 0 : matched.get();
    }

    /**
     * The live heap: what is in use right after a full collection, sampled every {@value #SAMPLE_EVERY} statements
     * and at the end of a case while its data is still referenced; the largest sample is the case's peak. The time
     * and CPU the samples' full collections take are kept apart, and not counted in the case's.
     */
    static final class LiveHeap {
        private long peak;
        private long sampledNanos;
        private long sampledCpuNanos;

        static LiveHeap start() {
            System.gc();
            return new LiveHeap();
        }

        void sampleNow() {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            System.gc();
            peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            sampledCpuNanos += processCpuNanos() - c0;
            sampledNanos += System.nanoTime() - t0;
        }

        double sampledSeconds() {
            return sampledNanos / 1e9;
        }

        double sampledCpuSeconds() {
            return sampledCpuNanos / 1e9;
        }

        long stop() {
            return peak;
        }
    }
}
