package org.jincai.server.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jincai.core.bank.BankDirectory;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.report.MonthlyReports;
import org.jincai.core.access.DataScope;
import org.jincai.core.alert.AlertService;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.Actor;
import org.jincai.routes.bank.SftpCheck;
import org.jincai.server.api.ExceptionController;
import org.jincai.server.api.ReportController;
import org.jincai.server.api.ScheduleController;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.payroll.PayrollController;
import org.jincai.server.query.AnswerRow;
import org.jincai.server.query.BankFileQueries;
import org.jincai.server.query.BankFileRow;
import org.jincai.server.query.ControlQueries;
import org.jincai.server.query.PageRequest;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's work pages: approvals, alerts, reconciliation exceptions, schedules, payroll runs, banks and
 * reports. Each action is the REST API's own — the same service, or the REST controller itself where it holds the
 * request's checks (schedules, payroll, reports) — so roles, data scope and maker-checker are the API's; the audit
 * records the console's channel ({@code CONSOLE}, and a payroll submitted by {@code console:<user>}). A refusal comes
 * back on the page as the hub's code and message.
 */
@Controller
@RequestMapping(ConsoleSecurityConfiguration.BASE)
public class ConsoleWork {

    /** How many months of reports the reports page lists. */
    static final int REPORT_MONTHS = 12;

    private static final String BASE = ConsoleSecurityConfiguration.BASE;

    private final ControlUsers users;
    private final ApprovalService approvals;
    private final AlertService alerts;
    private final ExceptionController exceptionsApi;
    private final ScheduleController schedules;
    private final PayrollController payroll;
    private final PayrollLauncher payrollRuns;
    private final ReportController reportApi;
    private final MonthlyReports reports;
    private final BankDirectory banks;
    private final SftpCheck sftpCheck;
    private final ControlQueries controls;
    private final BankFileQueries files;

    public ConsoleWork(ControlUsers users, ApprovalService approvals, AlertService alerts, ExceptionController exceptionsApi,
                       ScheduleController schedules, PayrollController payroll, PayrollLauncher payrollRuns,
                       ReportController reportApi, MonthlyReports reports, BankDirectory banks, SftpCheck sftpCheck,
                       ControlQueries controls, BankFileQueries files) {
        this.users = users;
        this.approvals = approvals;
        this.alerts = alerts;
        this.exceptionsApi = exceptionsApi;
        this.schedules = schedules;
        this.payroll = payroll;
        this.payrollRuns = payrollRuns;
        this.reportApi = reportApi;
        this.reports = reports;
        this.banks = banks;
        this.sftpCheck = sftpCheck;
        this.controls = controls;
        this.files = files;
    }

    // ---- approvals

    @GetMapping("/approvals")
    public String approvals(Authentication auth, Model model) {
        model.addAttribute("approvals", approvals.pending(users.rest(auth)));
        return "console/approvals";
    }

    @PostMapping("/approvals/{id}/approve")
    public String approve(@PathVariable String id, @RequestParam(required = false) String comment,
                          Authentication auth, RedirectAttributes flash) {
        return act(flash, "/approvals", () -> approvals.approve(id, users.console(auth), blankToNull(comment))
                .voucherNo());
    }

    @PostMapping("/approvals/{id}/reject")
    public String reject(@PathVariable String id, @RequestParam(required = false) String reason,
                         Authentication auth, RedirectAttributes flash) {
        return act(flash, "/approvals", () -> approvals.reject(id, users.console(auth), blankToNull(reason))
                .voucherNo());
    }

    // ---- alerts and reconciliation exceptions

    @GetMapping("/alerts")
    public String alerts(Authentication auth, Model model, @RequestParam(defaultValue = "true") boolean open,
                         @RequestParam(required = false) Integer page) {
        model.addAttribute("alerts", controls.alerts(users.rest(auth).scope(), new ControlQueries.AlertFilter(
                open ? "OPEN" : null, null, null, null, null, null), PageRequest.of(page, ConsolePages.PAGE_SIZE)));
        model.addAttribute("open", open);
        return "console/alerts";
    }

    @PostMapping("/alerts/{id}/ack")
    public String acknowledge(@PathVariable String id, @RequestParam(required = false) String reason,
                              Authentication auth, RedirectAttributes flash) {
        return act(flash, "/alerts", () -> alerts.acknowledge(id, users.console(auth), blankToNull(reason)).alertId());
    }

    @GetMapping("/exceptions")
    public String exceptions(Authentication auth, Model model, @RequestParam(defaultValue = "true") boolean open,
                             @RequestParam(required = false) String bank, @RequestParam(required = false) Integer page) {
        model.addAttribute("exceptions", controls.exceptions(users.rest(auth).scope(), new ControlQueries.ExceptionFilter(
                open ? Boolean.TRUE : null, blankToNull(bank), null, null, null, null),
                PageRequest.of(page, ConsolePages.PAGE_SIZE)));
        model.addAttribute("open", open);
        return "console/exceptions";
    }

    @PostMapping("/exceptions/{id}/resolve")
    public String resolve(@PathVariable String id, @RequestParam(required = false) String reason,
                          Authentication auth, RedirectAttributes flash) {
        return act(flash, "/exceptions", () -> exceptionsApi.resolveException(id, auth,
                new ExceptionController.Resolution(blankToNull(reason)), AuditEntry.Channel.CONSOLE).id());
    }

    // ---- schedules

    @GetMapping("/schedules")
    public String schedules(Authentication auth, Model model) {
        model.addAttribute("schedules", schedules.list(auth, null, null, null, String.valueOf(PageRequest.MAX_SIZE))
                .items());
        return "console/schedules";
    }

    @PostMapping("/schedules")
    public String schedule(@RequestParam String file, @RequestParam String agency, @RequestParam String month,
                           @RequestParam String at, @RequestParam(required = false) String bank,
                           Authentication auth, RedirectAttributes flash) {
        return act(flash, "/schedules", () -> schedules.payroll(new ScheduleController.PayrollBody(file, agency, month,
                at, blankToNull(bank)), auth, AuditEntry.Channel.CONSOLE).id());
    }

    @PostMapping("/schedules/{id}/pause")
    public String pause(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        return act(flash, "/schedules", () -> schedules.pause(id, auth, AuditEntry.Channel.CONSOLE).id());
    }

    @PostMapping("/schedules/{id}/resume")
    public String resume(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        return act(flash, "/schedules", () -> schedules.resume(id, auth, AuditEntry.Channel.CONSOLE).id());
    }

    @PostMapping("/schedules/{id}/cancel")
    public String cancel(@PathVariable String id, @RequestParam(required = false) String reason, Authentication auth,
                         RedirectAttributes flash) {
        return act(flash, "/schedules", () -> schedules.cancel(id, blankToNull(reason), auth,
                AuditEntry.Channel.CONSOLE).id());
    }

    // ---- payroll runs

    @GetMapping("/payroll")
    public String payrollRuns(Authentication auth, Model model) {
        Actor who = users.rest(auth);
        List<PayrollRun> visible = payrollRuns.latest(50).stream()
                .filter(r -> who.scope().allows(r.admDivCode(), r.agencyCode())).toList();
        model.addAttribute("runs", visible);
        return "console/payroll";
    }

    @GetMapping("/payroll/{id}")
    public String payrollRun(@PathVariable String id, Authentication auth, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("run", payroll.follow(id, auth));
        } catch (RuntimeException unknownOrOutside) {
            return ConsolePages.notFound(response);
        }
        return "console/payroll-run";
    }

    @PostMapping("/payroll")
    public String launchPayroll(@RequestParam("file") MultipartFile file, @RequestParam String agency,
                                @RequestParam String month, @RequestParam(required = false) String charset,
                                Authentication auth, RedirectAttributes flash) {
        try {
            PayrollController.RunView run = payroll.launch(file, agency, month, blankToNull(charset), null, auth,
                    "console").getBody();
            return "redirect:" + BASE + "/payroll/" + run.run().runId();
        } catch (IOException e) {
            flash.addFlashAttribute("error", "PAYROLL_FILE_UNREADABLE: " + e.getMessage());
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + BASE + "/payroll";
    }

    /** Resumes a run (after its approval was decided, or after a failure), as {@code POST .../restart} does. */
    @PostMapping("/payroll/{id}/restart")
    public String restartPayroll(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        try {
            payroll.restart(id, auth);
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + BASE + "/payroll/" + id;
    }

    @GetMapping("/payroll/{id}/outputs/{name}")
    public ResponseEntity<Resource> payrollOutput(@PathVariable String id, @PathVariable String name,
                                                  Authentication auth) {
        try {
            return payroll.output(id, name, auth);
        } catch (RuntimeException unknownOrOutside) {
            return ResponseEntity.notFound().build();
        }
    }

    // ---- banks

    /** One bank's profile, its charset's name, and the last file and answer the reader may see. */
    public record BankRow(BankProfile profile, String charset, BankFileRow lastFile, AnswerRow lastAnswer) {
    }

    @GetMapping("/banks")
    public String banks(Authentication auth, Model model) {
        DataScope scope = users.rest(auth).scope();
        List<BankRow> rows = new ArrayList<>();
        for (BankProfile b : banks.all()) {
            List<BankFileRow> file = files.files(scope, new BankFileQueries.FileFilter(b.code(), null, null, null, null,
                    null), PageRequest.first(1)).items();
            List<AnswerRow> answer = files.answers(scope, new BankFileQueries.AnswerFilter(b.code(), null, null, null,
                    null), PageRequest.first(1)).items();
            rows.add(new BankRow(b, b.charset().name(), file.isEmpty() ? null : file.get(0),
                    answer.isEmpty() ? null : answer.get(0)));
        }
        model.addAttribute("banks", rows);
        return "console/banks";
    }

    @PostMapping("/banks/{code}/check")
    public String check(@PathVariable String code, RedirectAttributes flash) {
        try {
            BankProfile bank = banks.require(code);
            SftpCheck.Report r = sftpCheck.check(bank.code(), bank.sftp());
            flash.addFlashAttribute("check", r);
            flash.addFlashAttribute("checked", bank.code());
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + BASE + "/banks";
    }

    // ---- reports

    @GetMapping("/reports")
    public String reports(Model model) {
        Map<String, List<String>> months = new LinkedHashMap<>();
        YearMonth m = YearMonth.now(ConsoleViews.BEIJING);
        for (int i = 0; i < REPORT_MONTHS; i++, m = m.minusMonths(1)) {
            months.put(m.toString(), reports.files(m).stream().map(p -> p.getFileName().toString()).toList());
        }
        model.addAttribute("months", months);
        model.addAttribute("lastMonth", YearMonth.now(ConsoleViews.BEIJING).minusMonths(1).toString());
        return "console/reports";
    }

    @PostMapping("/reports")
    public String runReport(@RequestParam String month, Authentication auth, RedirectAttributes flash) {
        return act(flash, "/reports", () -> reportApi.runMonthlyReport(users.console(auth), month).getBody().month());
    }

    @GetMapping("/reports/{month}/{name}")
    public ResponseEntity<Resource> report(@PathVariable String month, @PathVariable String name, Authentication auth) {
        try {
            return reportApi.monthlyReportFile(auth, month, name);
        } catch (RuntimeException unknownOrOutside) {
            return ResponseEntity.notFound().build();
        }
    }

    /** Does it, and comes back to the page with what was done or the hub's refusal. */
    private static String act(RedirectAttributes flash, String page, Supplier<String> action) {
        try {
            flash.addFlashAttribute("notice", action.get());
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + BASE + page;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
