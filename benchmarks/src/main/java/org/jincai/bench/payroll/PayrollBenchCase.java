package org.jincai.bench.payroll;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.controls.Actor;
import org.jincai.core.release.StagingArea;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One case of the payroll benchmark, in a JVM of its own: {@code hub CSV HOME} runs the payroll job on the file
 * (embedded H2 under HOME, budget and approval on, files staged, no upload), {@code baseline CSV HOME} reads the
 * same CSV and writes the same bank files with the same writers, with no check, no budget, no database. Prints one
 * line {@code PAYROLL-BENCH case=... rows=... millis=... heapPeakBytes=... rssPeakKb=... steps=...}.
 *
 * <p>{@code worker CSV HOME} starts the same application and only serves: with remote partitions, its workers take
 * partitions from the queue. It prints {@value #WORKER_READY} once started and stops when its standard input closes.
 * After the three arguments, {@code --key=value} arguments replace or add the application's properties (another
 * database, the cluster's keys).
 */
public final class PayrollBenchCase {

    private PayrollBenchCase() {
    }

    /** The line a worker prints once it serves. */
    public static final String WORKER_READY = "PAYROLL-BENCH-WORKER ready";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path csv = Path.of(args[1]);
        Path home = Path.of(args[2]);
        Map<String, String> props = properties(home);
        for (String a : java.util.Arrays.asList(args).subList(3, args.length)) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --key=value: " + a);
            }
            props.put(a.substring(2, eq), a.substring(eq + 1));
        }
        if (mode.equals("worker")) {
            serve(props);
            System.exit(0);
        }
        Thread sampler = new Thread(PayrollBenchCase::sampleEvery10s, "live-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Result r = mode.equals("hub") ? hub(csv, props) : baseline(csv, home);
        sampleLiveHeap();
        long millis = r.millis();
        long rows = r.rows();
        String steps = r.steps();
        System.out.println("PAYROLL-BENCH case=" + mode + " rows=" + rows + " millis=" + millis + " heapPeakBytes="
                + heapPeak() + " liveHeapPeakBytes=" + liveHeapPeak + " rssPeakKb=" + rssPeakKb() + " steps=" + steps);
        System.exit(0);
    }

    /** Rows, the time of the run itself (not the JVM's start nor the application's), and the job's steps. */
    private record Result(long rows, long millis, String steps) {
    }

    /** The application's properties for a case under {@code home}: the embedded H2, the demo's three payers. */
    private static Map<String, String> properties(Path home) {
        Map<String, String> p = new HashMap<>();
        p.put("jincai.home", home.toString());
        // as application.yml has it: durable commits, a page cache of 64 MB, pages split at 16 KB
        p.put("spring.datasource.url", "jdbc:h2:file:" + home.resolve("db/jincai")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=65536;PAGE_SIZE=16384");
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        p.put("spring.flyway.locations", "classpath:db/migration/common,classpath:db/migration/{vendor}");
        p.put("spring.flyway.placeholders.binary_type", "BLOB");
        p.put("spring.batch.jdbc.initialize-schema", "never");
        p.put("spring.batch.job.enabled", "false");
        p.put("spring.main.banner-mode", "off");
        p.put("logging.level.root", "WARN");
        p.put("camel.main.auto-startup", "false");
        p.put("jincai.payroll.adm-div-code", "420000");
        for (int i = 0; i < PayrollBenchApp.BANKS.size(); i++) {
            p.put("jincai.payroll.payers[" + i + "].bank", PayrollBenchApp.BANKS.get(i));
            p.put("jincai.payroll.payers[" + i + "].account", "955880000000010" + i);
            p.put("jincai.payroll.payers[" + i + "].name", "湖北省财政厅工资统发账户");
        }
        p.put("jincai.payroll.answer-wait", "PT0S");
        p.put("jincai.controls.risk.enabled", "false");
        return p;
    }

    private static ConfigurableApplicationContext start(Map<String, String> p) {
        // as arguments: they outrank any application.yml on the class path (the application jar's)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(PayrollBenchApp.class).web(WebApplicationType.NONE).run(args);
    }

    /** A node that only serves (its partition workers, with remote partitions) until its standard input closes. */
    private static void serve(Map<String, String> p) throws IOException {
        try (ConfigurableApplicationContext ctx = start(p)) {
            System.out.println(WORKER_READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // nothing is read: the end of the input is the signal to stop
            }
        }
    }

    private static Result hub(Path csv, Map<String, String> p) throws IOException {
        try (ConfigurableApplicationContext ctx = start(p)) {
            Actor office = new Actor("budget-office", java.util.Set.of("OPERATOR"), DataScope.everything(),
                    AuditEntry.Channel.CLI);
            BudgetImportService budget = ctx.getBean(BudgetImportService.class);
            budget.importIndicators(BudgetFile.of("indicators.csv", ("AdmDivCode,StYear,AgencyCode,ExpFuncCode,"
                    + "GovExpEcoCode,FundTypeCode,DepProCode,Type,Amount,DocNo\n420000,2026," + PayrollBench.SPEC.agency()
                    + "," + PayrollBench.SPEC.expFunc() + "," + PayrollBench.SPEC.eco() + "," + PayrollBench.SPEC.fund()
                    + ",,下达,999999999999.00,bench-1\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), office);
            budget.importPlans(BudgetFile.of("plans.csv", ("AdmDivCode,StYear,Month,AgencyCode,FundTypeCode,Type,Amount,"
                    + "DocNo\n420000,2026,11," + PayrollBench.SPEC.agency() + "," + PayrollBench.SPEC.fund()
                    + ",下达,999999999999.00,bench-2\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), office);
            long started = System.nanoTime();
            PayrollLauncher.Outcome o = ctx.getBean(PayrollLauncher.class).run(new PayrollLauncher.Request(csv,
                    PayrollBench.SPEC.agency(), "2026-11", "dept-head", null, null, "bench"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!o.exitCode().equals("AWAITING_ANSWERS")) {
                throw new IllegalStateException("the run ended " + o.exitCode() + ": " + o.exitDescription());
            }
            JobRepository repository = ctx.getBean(JobRepository.class);
            JobExecution e = repository.getLastJobExecution("payroll", new JobParametersBuilder()
                    .addString("runId", o.run().runId()).toJobParameters());
            Map<String, Long> byStep = new LinkedHashMap<>();
            for (StepExecution s : e.getStepExecutions()) {
                if (s.getStartTime() != null && s.getEndTime() != null && !s.getStepName().contains(":")) {
                    byStep.merge(s.getStepName(), java.time.Duration.between(s.getStartTime(), s.getEndTime())
                            .toMillis(), Long::sum);
                }
            }
            StringBuilder steps = new StringBuilder();
            byStep.forEach((k, v) -> steps.append(steps.isEmpty() ? "" : ",").append(k).append(':').append(v));
            return new Result(o.summary().rowsRead(), millis, steps.toString());
        }
    }

    /**
     * Reads the CSV (split, amount parsed) and renders each bank's lines with the bank's writer into files of 1,000
     * credits through a staging area, as the job does, with nothing checked and nothing stored.
     */
    private static Result baseline(Path csv, Path home) throws IOException {
        long started = System.nanoTime();
        StagingArea staging = new StagingArea(home.resolve("staging/banks"));
        Map<String, BankProfile> banks = new HashMap<>();
        PayrollBenchApp.profiles().forEach(b -> banks.put(b.code(), b));
        Map<String, List<OutboundCredit>> pending = new HashMap<>();
        Map<String, Integer> parts = new HashMap<>();
        long rows = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                rows++;
                String[] f = line.split(",", -1);
                BankProfile bank = banks.get(f[4]);
                BigDecimal amount;
                try {
                    amount = new BigDecimal(f[7]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (bank == null || amount.signum() <= 0) {
                    continue;
                }
                List<OutboundCredit> credits = pending.computeIfAbsent(bank.code(), k -> new ArrayList<>());
                credits.add(new OutboundCredit(String.format("%032d", rows), amount, f[6], f[5],
                        bank.primaryBankNumber(), bank.name(), "工资 2026-11"));
                if (credits.size() == bank.maxTransactionsPerFile()) {
                    flush(staging, bank, credits, parts);
                }
            }
        }
        for (Map.Entry<String, List<OutboundCredit>> e : pending.entrySet()) {
            if (!e.getValue().isEmpty()) {
                flush(staging, banks.get(e.getKey()), e.getValue(), parts);
            }
        }
        return new Result(rows, (System.nanoTime() - started) / 1_000_000, "");
    }

    private static void flush(StagingArea staging, BankProfile bank, List<OutboundCredit> credits,
                              Map<String, Integer> parts) {
        int part = parts.merge(bank.code(), 1, Integer::sum);
        String batch = "PR2612040000000000" + String.format("%02d%03d", 1, part);
        String name = BankFileNames.name(bank, batch, LocalDate.of(2026, 11, 27), 1, 1);
        PaymentFile file = new PaymentFile(name, bank.code(), batch + "-001", LocalDate.of(2026, 11, 27),
                "9558800000000101", "湖北省财政厅工资统发账户", bank.primaryBankNumber(), credits);
        BankFileWriter writer = BankFormats.writer(bank);
        staging.publish(staging.writePart(bank.code(), name, out -> writer.write(file, out)).path());
        credits.clear();
    }

    /** How often the sampler forces a full collection to read what the run keeps alive. */
    static final long FULL_GC_EVERY_MS = 10_000;
    /**
     * The largest heap in use right after a full collection, forced every {@value #FULL_GC_EVERY_MS} ms and once at
     * the end: what the run keeps alive, not its garbage nor what a young collection left unmarked in the old
     * generation.
     */
    private static volatile long liveHeapPeak;

    private static void sampleEvery10s() {
        while (true) {
            try {
                Thread.sleep(FULL_GC_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
            sampleLiveHeap();
        }
    }

    /** Forces a full collection and keeps the heap then in use if it is the largest seen. */
    private static void sampleLiveHeap() {
        System.gc();
        long bytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        liveHeapPeak = Math.max(liveHeapPeak, bytes);
    }

    private static long heapPeak() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes;
    }

    private static long rssPeakKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
