package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.release.ReleaseService.PlannedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The partitions of step {@code render}, decided before any file is rendered: for every bank with valid lines in the
 * run, its files as the release path cuts them ({@link org.jincai.core.release.ReleaseService#planFiles}: the bank's
 * valid lines in the order of their numbers, a file ending where the next line would pass the bank's count or amount
 * limit), grouped by {@code filesPerPartition} consecutive files into one partition, named
 * {@code bank-<code>-files-<first>-<last>} by the files' numbers. Each partition's execution context carries its bank,
 * the bank's number in the run and its files (number, payer account, first and last line number, count, total). The
 * plan is made once per run: kept in the {@code render} step's execution context and written to the JobRepository
 * before any partition starts, it is what every later execution of the run (a restart, on any node) partitions by;
 * and a plan made afresh (none kept: a crash before it was written) cuts the same files, since it is cut from the
 * lines, which do not change once validated, whether or not their payments are born yet.
 */
public final class RenderPlan {

    static final String BANK = "bank";
    static final String BANK_INDEX = "bankIndex";
    static final String FILES = "files";
    /** The key of the plan in the {@code render} step's execution context. */
    static final String PLAN = "payroll.render.plan";

    private static final Logger log = LoggerFactory.getLogger(RenderPlan.class);

    private RenderPlan() {
    }

    /**
     * The partitioner of the {@code render} step whose execution is {@code manager}: the plan kept in its context,
     * else a new one, kept there and written to the JobRepository before it is returned.
     */
    public static Partitioner partitioner(PayrollServices s, String runId, int filesPerPartition,
                                          StepExecution manager, JobRepository repository) {
        return grid -> {
            ExecutionContext context = manager.getExecutionContext();
            if (context.containsKey(PLAN)) {
                return read(context.getString(PLAN));
            }
            Map<String, ExecutionContext> partitions = partitions(s, runId, filesPerPartition);
            context.putString(PLAN, write(partitions));
            repository.updateExecutionContext(manager);
            return partitions;
        };
    }

    /** The partitions of the run, by name, planned from the database. */
    static Map<String, ExecutionContext> partitions(PayrollServices s, String runId, int filesPerPartition) {
        List<BankProfile> all = s.banks().all();
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            BankProfile bank = all.get(i);
            long start = System.nanoTime();
            // the bank's valid lines in order, from ix_payroll_line_bank alone: no line read, no other bank's
            List<PlannedFile> files = s.release().planFiles(bank, """
                    SELECT line_no, CAST(:acct AS VARCHAR(40)), amount FROM payroll_line
                     WHERE run_id = :run AND bank_code = :b AND state = 'VALID'
                     ORDER BY run_id, bank_code, state, line_no""",
                    new MapSqlParameterSource("run", runId).addValue("b", bank.code())
                            .addValue("acct", BudgetTasklet.payer(s, bank).account()));
            if (files.isEmpty()) {
                continue;
            }
            log.info("payroll {}: {} planned as {} files in {} partitions ({} ms)", runId, bank.code(), files.size(),
                    (files.size() + filesPerPartition - 1) / filesPerPartition,
                    (System.nanoTime() - start) / 1_000_000);
            for (int from = 0; from < files.size(); from += filesPerPartition) {
                List<PlannedFile> group = files.subList(from, Math.min(files.size(), from + filesPerPartition));
                ExecutionContext context = new ExecutionContext();
                context.putString(BANK, bank.code());
                context.putInt(BANK_INDEX, i + 1);
                context.putString(FILES, encode(group));
                partitions.put(String.format("bank-%s-files-%03d-%03d", bank.code(), group.get(0).number(),
                        group.get(group.size() - 1).number()), context);
            }
        }
        return partitions;
    }

    /** A file's batch id: the run's id, the bank's number in the run, the file's number in the bank's plan. */
    static String batchId(String runId, int bankIndex, int fileNumber) {
        return runId + String.format("%02d", bankIndex) + String.format("%03d", fileNumber);
    }

    /** Each partition as a line {@code #name bank bankIndex}, then its files. */
    private static String write(Map<String, ExecutionContext> partitions) {
        StringBuilder text = new StringBuilder();
        partitions.forEach((name, c) -> text.append('#').append(name).append(' ').append(c.getString(BANK)).append(' ')
                .append(c.getInt(BANK_INDEX)).append('\n').append(c.getString(FILES)));
        return text.toString();
    }

    private static Map<String, ExecutionContext> read(String plan) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        ExecutionContext current = null;
        StringBuilder files = new StringBuilder();
        for (String line : plan.split("\n")) {
            if (line.startsWith("#")) {
                if (current != null) {
                    current.putString(FILES, files.toString());
                }
                String[] head = line.substring(1).split(" ");
                current = new ExecutionContext();
                current.putString(BANK, head[1]);
                current.putInt(BANK_INDEX, Integer.parseInt(head[2]));
                files.setLength(0);
                partitions.put(head[0], current);
            } else if (!line.isBlank()) {
                files.append(line).append('\n');
            }
        }
        if (current != null) {
            current.putString(FILES, files.toString());
        }
        return partitions;
    }

    /** One line a file: number, payer account, first and last line number, count, total. */
    static String encode(List<PlannedFile> files) {
        StringBuilder text = new StringBuilder();
        for (PlannedFile f : files) {
            text.append(f.number()).append(' ').append(f.payAcctNo()).append(' ').append(f.firstSeq()).append(' ')
                    .append(f.lastSeq()).append(' ').append(f.count()).append(' ').append(f.total().toPlainString())
                    .append('\n');
        }
        return text.toString();
    }

    static List<PlannedFile> decode(String text) {
        List<PlannedFile> files = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            files.add(new PlannedFile(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), new BigDecimal(f[5])));
        }
        return files;
    }
}
