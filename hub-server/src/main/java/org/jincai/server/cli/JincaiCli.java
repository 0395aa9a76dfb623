package org.jincai.server.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.batch.payroll.PayrollProgress;
import org.jincai.batch.report.MonthlyReports;
import org.jincai.batch.reconcile.ReconcileLauncher;
import org.jincai.core.alert.AlertService;
import org.jincai.core.answer.StatementQueries;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.audit.AuditVerifier;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.controls.ControlException;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.risk.RiskService;
import org.jincai.formats.FormatException;
import org.jincai.routes.bank.SftpCheck;
import org.jincai.scheduler.calendar.CalendarStore;
import org.jincai.scheduler.jobs.JobExecutions;
import org.jincai.scheduler.jobs.JobOperations;
import org.jincai.scheduler.schedule.ScheduleService;
import org.jincai.server.JincaiApplication;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.demo.DemoRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code jincai [--home DIR] COMMAND}: the operator's entry point, started by the {@code ./jincai} launcher.
 * Exit codes: 0 done, 1 the command ran and failed, 2 bad usage.
 */
public final class JincaiCli {

    static final String USAGE = """
            Usage: jincai [--home DIR] COMMAND

            Commands:
              demo                run the whole payment path on embedded defaults (H2, simulated banks
                                  over SFTP, a finance-system inbox) with the bundled sample vouchers,
                                  print a summary and exit
              serve               start the hub: console and REST API on port 8080 (JINCAI_PORT), routes, polling
              banks list          the configured bank profiles (no secrets)
              banks check CODE    connect to the bank's SFTP server and report what is there
              deliveries [--uncertain]
                                  the payment files on their way to the banks (those held as
                                  DELIVERY_UNCERTAIN: the hub cannot tell whether the bank has them)
              deliveries show ID  one delivery with its trail
              deliveries confirm ID --reason TEXT
                                  a held file did reach the bank (its payments become SENT)
              deliveries resend ID --reason TEXT
                                  send the very same held file again (same name, same message id)
              audit verify [--expect-head HASH]
                                  check the audit trail's hash chain; exit 0 intact, 1 naming the
                                  first record altered, removed or inserted
              audit list [--object TYPE [ID]] [--limit N]
                                  the latest audit records
              inspect FILE [--json] [--strict] [--verify CERT_OR_TRUSTSTORE [--storepass PASSWORD]]
                                  detect a file's format (fiscal voucher envelope or bare inner voucher,
                                  ISO 20022 message and version, bank layout), validate it and summarise it;
                                  --verify checks the fiscal signatures; exit 0 readable, 1 not
              statements [--bank CODE] [--pending] [--limit N]
                                  the banks' statement lines, newest first: status (only BOOK pays),
                                  the payment each booked or names, why a line paid nothing, and the
                                  warnings kept with the statements; --pending: not booked yet
              budget import indicators|plans|performance FILE [--charset UTF-8|GBK|GB18030] --as USER
                                  import a budget file of indicators (指标) or monthly plans (用款计划)
                                  and their adjustments (追加/追减), or the indicators' performance
                                  targets (绩效目标), docs/budget.md: whole, or refused whole with every
                                  bad line (exit 1)
              budget show [--agency CODE] [--history] [--as USER]
                                  approved, reserved, spent and available of each indicator and plan;
                                  --history: every movement (下达/追加/追减) that made them
              approvals list --as USER
                                  the vouchers waiting for that approver
              approvals show ID [--as USER]
                                  one approval chain, its levels and the alerts about its voucher
              approvals approve ID --as USER [--comment TEXT]
              approvals reject ID --as USER --reason TEXT
                                  decide the level waiting, as that configured user (maker-checker)
              approvals rules     the fund uses and approval rules in force
              alerts [--open] [--limit N] [--as USER]
                                  the alerts of the risk rules, budget warnings and filing notices
              alerts ack ID --reason TEXT --as USER
                                  acknowledge an alert, once, with the reason
              alerts scan [--date YYYY-MM-DD] [--as USER]
                                  find accounts with regular activity that went quiet
              schedule payroll FILE --agency CODE --month yyyy-MM --at yyyy-MM-ddTHH:mm [--bank CODE]
                                  run the payroll job for that file at that time (Beijing), moved to
                                  the next bank working day (or refused, by policy) when banks are
                                  closed or it is past the bank's cut-off
              schedule list       the operators' schedules: waiting, paused, fired (with the job
                                  execution they launched), moved and why
              schedule pause|resume ID, schedule cancel ID [--reason TEXT]
              calendar [list]     the bank calendar's years: published arrangement or statutory only
              calendar import FILE [--statutory]
                                  load bank holidays and adjusted working days from CSV
                                  (date,kind,note), replacing the years the file holds
              jobs [--job NAME] [--limit N]
                                  the batch job executions: parameters, status, progress, times, counts
              jobs restart ID     resume a failed or stopped execution from its last commit
              jobs stop ID        ask a running execution to stop at its next commit
              payroll run FILE --agency CODE --month yyyy-MM [--approve-as USER] [--charset CS]
                    [--retry-failed RUN_ID]
                                  pay a payroll file (CSV or 8207 voucher, docs/payroll.md): exit 0 done,
                                  3 stopped to wait for its approval or the banks, 1 failed or refused
              payroll restart RUN_ID | payroll status RUN_ID
                                  resume a run from its last commit; where a run stands
              report monthly --month yyyy-MM [--as USER]
                                  the monthly fiscal report (job monthly-report): CSV files, an XLSX
                                  workbook and a PDF under <home>/reports/yyyy-MM/ (docs/operations.md)
              reconcile [--bank CODE] [--from DATE --to DATE] [--run ID] [FILE...]
                                  bank-flow reconciliation (batch-jobs/README.md): match the statements
                                  (the files given, else <home>/statements/<BANK>/) to the payments, print
                                  a summary, write <home>/jobs/reconcile/<run id>/reconciliation.csv;
                                  --run ID starts a failed run again (same bank, dates, files)
              exceptions [list] [--open] [--bank CODE] [--limit N]
                                  what reconciliation could not match, newest first
              exceptions resolve ID --reason TEXT
                                  resolve an exception, once, with the reason (audited)
              convert FILE --to pain.001.001.09|pain.001.001.03 [--bank CODE] [-o OUT]
                                  fiscal payment vouchers into the bank message
              bench payroll --rows N[,N...] [--nodes K[,K...] --db postgres] [--pg-url URL] [--rabbit HOST:PORT]
                                  the payroll job against a baseline that writes the same files; on K nodes
                                  (remote partitions over RabbitMQ, one PostgreSQL)
              bench formats [--sizes N,N,...]
                                  the formats benchmark (docs/benchmarks.md); takes minutes at 1,000,000
              bench reconcile [--entries N] [--dir DIR]
                                  the reconcile job's path on embedded H2 against an in-memory hash join
                                  (docs/benchmarks.md); N defaults to 100,000
              help                show this help

            Options:
              --home DIR   where the embedded database, the simulated banks' SFTP roots and every
                           output live (default ./jincai-data)
            """;

    private final PrintStream out;
    private final PrintStream err;

    JincaiCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        JincaiCli cli = new JincaiCli(System.out, System.err);
        int code = cli.run(args);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit code, or {@link Integer#MIN_VALUE} for a server left running. */
    int run(String... args) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            err.println("jincai: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (cli.command()) {
                case "help" -> {
                    cli.requireNoArguments();
                    out.print(USAGE);
                    yield 0;
                }
                case "demo" -> demo(cli.requireNoArguments());
                case "serve" -> {
                    printAddresses(start(cli.requireNoArguments(), WebApplicationType.SERVLET));
                    yield Integer.MIN_VALUE;
                }
                case "banks" -> banks(cli);
                case "deliveries" -> deliveries(cli);
                case "audit" -> audit(cli);
                case "statements" -> statements(cli);
                case "budget" -> budget(cli);
                case "approvals" -> approvals(cli);
                case "alerts" -> alerts(cli);
                case "schedule", "calendar", "jobs" -> scheduler(cli);
                case "report" -> report(cli);
                case "reconcile" -> reconcile(cli);
                case "exceptions" -> exceptions(cli);
                case "inspect" -> InspectCommand.run(cli.arguments(), out);
                case "convert" -> ConvertCommand.run(cli.arguments(), out, err);
                case "payroll" -> payroll(cli);
                case "bench" -> BenchCommand.run(cli.arguments(), out);
                default -> throw new IllegalStateException("unhandled command " + cli.command());
            };
        } catch (CliArguments.UsageException e) {
            err.println("jincai: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        } catch (FormatException e) {
            err.println("jincai: " + e.problem());
            return 1;
        } catch (PayrollException e) {
            err.println("jincai: " + e.code() + ": " + e.getMessage() + " (" + e.location() + ")");
            return 1;
        } catch (ControlException e) {
            // a control refused: every problem with its code and where (a budget file's every bad line)
            e.problems().forEach(p -> err.println("jincai: " + p));
            return 1;
        } catch (org.jincai.scheduler.SchedulerException e) {
            err.println("jincai: " + e);
            return 1;
        } catch (StartFailedException e) {
            // Spring Boot has printed why (a refused configuration is reported with every problem and its location)
            err.println("jincai: the hub did not start; the reason is printed above");
            return 1;
        } catch (UncheckedIOException | IllegalStateException e) {
            // a file that cannot be read or written: say which and why, not a stack trace
            err.println("jincai: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return 1;
        }
    }

    private int banks(CliArguments cli) {
        BanksCommand.validate(cli.arguments());
        try (ConfigurableApplicationContext ctx = start(cli, WebApplicationType.NONE, "cli")) {
            return new BanksCommand(ctx.getBean(BankDirectory.class), ctx.getBean(SftpCheck.class), out)
                    .run(cli.arguments());
        }
    }

    private int audit(CliArguments cli) {
        AuditCommand.Args args = AuditCommand.parse(cli.arguments());
        try (ConfigurableApplicationContext ctx = start(cli, WebApplicationType.NONE, "cli")) {
            return new AuditCommand(ctx.getBean(AuditTrail.class), ctx.getBean(AuditVerifier.class), out).run(args);
        }
    }

    private int statements(CliArguments cli) {
        StatementsCommand.Options options = StatementsCommand.parse(cli.arguments());
        try (ConfigurableApplicationContext ctx = start(cli, WebApplicationType.NONE, "cli")) {
            return new StatementsCommand(ctx.getBean(StatementQueries.class), out).run(options);
        }
    }

    /**
     * Opens the hub's database without its routes or web server. On the embedded H2 the database is held by a
     * running hub: the operator is told to use the API instead.
     */
    private int deliveries(CliArguments cli) {
        DeliveriesCommand.Request request = DeliveriesCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx;
        try {
            ctx = start(cli, WebApplicationType.NONE, "cli");
        } catch (StartFailedException e) {
            if (!inUse(e)) {
                throw e;
            }
            err.println("jincai: the embedded database under " + cli.home() + " is held by a running hub: stop it, or"
                    + " use the API (GET /api/v1/deliveries, POST /api/v1/deliveries/ID/confirm|resend)");
            return 1;
        }
        try (ctx) {
            String actor = "cli:" + System.getProperty("user.name", "operator");
            return new DeliveriesCommand(ctx.getBean(DeliveryService.class), out, err, actor).run(request);
        }
    }

    /** H2's "Database may be already in use" (its error 90020), anywhere in the cause chain. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private int budget(CliArguments cli) {
        BudgetCommand.Options o = BudgetCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx = startOnDatabase(cli,
                "GET /api/v1/budget, POST /api/v1/budget/indicators|plans");
        if (ctx == null) {
            return 1;
        }
        try (ctx) {
            return new BudgetCommand(ctx.getBean(BudgetImportService.class), ctx.getBean(BudgetQueries.class),
                    ctx.getBean(PerformanceTargetImport.class), ctx.getBean(ControlUsers.class), out).run(o);
        }
    }

    private int approvals(CliArguments cli) {
        ApprovalsCommand.Options o = ApprovalsCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx = startOnDatabase(cli,
                "GET /api/v1/approvals, POST /api/v1/approvals/ID/approve|reject");
        if (ctx == null) {
            return 1;
        }
        try (ctx) {
            return new ApprovalsCommand(ctx.getBean(ApprovalService.class), ctx.getBean(ApprovalRules.class),
                    ctx.getBean(RiskService.class).options(), ctx.getBean(AlertService.class),
                    ctx.getBean(ControlUsers.class), out).run(o);
        }
    }

    /** The hub with its routes (files go out, answers come in) and no web server, for as long as the run. */
    private int payroll(CliArguments cli) {
        PayrollCommand.Options o = PayrollCommand.parse(cli.arguments());
        try (ConfigurableApplicationContext ctx = start(cli, WebApplicationType.NONE)) {
            return new PayrollCommand(ctx.getBean(PayrollLauncher.class), ctx.getBean(PayrollProgress.class), out,
                    System.console() != null).run(o, ctx.getBean(ControlUsers.class).hub().name());
        }
    }

    private int alerts(CliArguments cli) {
        AlertsCommand.Options o = AlertsCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx = startOnDatabase(cli,
                "GET /api/v1/alerts, POST /api/v1/alerts/ID/ack|scan");
        if (ctx == null) {
            return 1;
        }
        try (ctx) {
            return new AlertsCommand(ctx.getBean(AlertService.class), ctx.getBean(RiskService.class),
                    ctx.getBean(ControlUsers.class), out).run(o);
        }
    }

    private int report(CliArguments cli) {
        ReportCommand.Options o = ReportCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx = startOnDatabase(cli, "POST /api/v1/reports/monthly?month=yyyy-MM");
        if (ctx == null) {
            return 1;
        }
        try (ctx) {
            return new ReportCommand(ctx.getBean(MonthlyReports.class), ctx.getBean(ControlUsers.class), out, err).run(o);
        }
    }

    /**
     * The hub's database without its routes or web server, or null — the operator told to use {@code api} — when
     * a running hub holds the embedded H2.
     */
    private ConfigurableApplicationContext startOnDatabase(CliArguments cli, String api) {
        try {
            return start(cli, WebApplicationType.NONE, "cli");
        } catch (StartFailedException e) {
            if (!inUse(e)) {
                throw e;
            }
            err.println("jincai: the embedded database under " + cli.home() + " is held by a running hub: stop it, or"
                    + " use the API (" + api + ")");
            return null;
        }
    }

    /** schedule, calendar and jobs: on the hub's database, the scheduler not started (it only edits the store). */
    private int scheduler(CliArguments cli) {
        String actor = "cli:" + System.getProperty("user.name", "operator");
        return switch (cli.command()) {
            case "schedule" -> {
                ScheduleCommand.Options o = ScheduleCommand.parse(cli.arguments());
                try (ConfigurableApplicationContext ctx = startOnDatabase(cli, "/api/v1/schedules")) {
                    yield ctx == null ? 1 : new ScheduleCommand(ctx.getBean(ScheduleService.class), out, actor).run(o);
                }
            }
            case "calendar" -> {
                CalendarCommand.Options o = CalendarCommand.parse(cli.arguments());
                try (ConfigurableApplicationContext ctx = startOnDatabase(cli, "/api/v1/calendar")) {
                    yield ctx == null ? 1 : new CalendarCommand(ctx.getBean(CalendarStore.class), out, actor).run(o);
                }
            }
            default -> {
                JobsCommand.Options o = JobsCommand.parse(cli.arguments());
                try (ConfigurableApplicationContext ctx = startOnDatabase(cli, "/api/v1/jobs")) {
                    yield ctx == null ? 1 : new JobsCommand(ctx.getBean(JobExecutions.class),
                            ctx.getBean(JobOperations.class), out, actor).run(o);
                }
            }
        };
    }

    private int reconcile(CliArguments cli) {
        ReconcileCommand.Options o = ReconcileCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx = startOnDatabase(cli, "GET /api/v1/exceptions");
        if (ctx == null) {
            return 1;
        }
        try (ctx) {
            return new ReconcileCommand(ctx.getBean(ReconcileLauncher.class), ctx.getBean(BankDirectory.class),
                    cli.home(), out).run(o);
        }
    }

    private int exceptions(CliArguments cli) {
        ExceptionsCommand.Options o = ExceptionsCommand.parse(cli.arguments());
        ConfigurableApplicationContext ctx = startOnDatabase(cli,
                "GET /api/v1/exceptions, POST /api/v1/exceptions/ID/resolve");
        if (ctx == null) {
            return 1;
        }
        try (ctx) {
            return new ExceptionsCommand(ctx.getBean(ExceptionQueue.class), out, err,
                    "cli:" + System.getProperty("user.name", "operator")).run(o);
        }
    }

    private int demo(CliArguments cli) {
        try (ConfigurableApplicationContext ctx = start(cli, WebApplicationType.NONE, "demo")) {
            return ctx.getBean(DemoRunner.class).run(out);
        }
    }

    /** Where a served hub answers: the operators' console and the REST API, on the port it took. */
    private void printAddresses(ConfigurableApplicationContext ctx) {
        if (ctx instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String base = "http://localhost:" + web.getWebServer().getPort();
            out.println("jincai: console   " + base + "/console  (sign in as a user of jincai.users; ?lang=en for English)");
            out.println("jincai: REST API  " + base + "/api/v1  (its contract: " + base + "/v3/api-docs)");
        }
    }

    private static ConfigurableApplicationContext start(CliArguments cli, WebApplicationType web, String... profiles) {
        SpringApplication app = new SpringApplication(JincaiApplication.class);
        app.setWebApplicationType(web);
        app.setAdditionalProfiles(profiles);
        try {
            return app.run("--jincai.home=" + cli.home());
        } catch (RuntimeException e) {
            throw new StartFailedException(e);
        }
    }

    /** The application context did not start; Spring Boot has already reported why. */
    private static final class StartFailedException extends RuntimeException {
        StartFailedException(RuntimeException cause) {
            super(cause);
        }
    }
}
