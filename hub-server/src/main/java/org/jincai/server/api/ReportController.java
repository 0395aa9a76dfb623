package org.jincai.server.api;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jincai.batch.report.MonthlyReports;
import org.jincai.batch.report.ReportException;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.formats.Problem;
import org.jincai.server.controls.ControlUsers;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly fiscal report (docs/operations.md). {@code POST /api/v1/reports/monthly?month=yyyy-MM}: an operator
 * runs the job monthly-report and gets its outcome and files (200 when it completed, 500 {@code REPORT_FAILED}
 * otherwise); {@code GET /api/v1/reports/monthly/{month}}: the files of a month's report;
 * {@code GET /api/v1/reports/monthly/{month}/files/{name}}: one of them. The report covers every division, so only
 * a user whose data scope is the whole hub may run or read it.
 */
@RestController
@RequestMapping("/api/v1/reports/monthly")
public class ReportController {

    private final MonthlyReports reports;
    private final ControlUsers users;

    public ReportController(MonthlyReports reports, ControlUsers users) {
        this.reports = reports;
        this.users = users;
    }

    /** A run of the report, or the files of a month's report, with their download paths. */
    public record MonthlyReportView(String month, Long executionId, String status, List<String> files,
                                    List<String> downloads) {
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<MonthlyReportView> runMonthlyReport(Authentication user, @RequestParam String month) {
        return runMonthlyReport(users.rest(user), month);
    }

    /** Runs the month's report for {@code actor} (a REST caller, or the console's user: audited under its channel). */
    public ResponseEntity<MonthlyReportView> runMonthlyReport(Actor actor, String month) {
        Actor who = wholeHub(actor);
        YearMonth m = month(month);
        MonthlyReports.Run run = reports.run(m, who.name(), who.channel());
        if (!run.completed()) {
            throw new ReportException(ReportException.REPORT_FAILED, "the report of " + m + " ended " + run.status()
                    + " (job execution " + run.executionId() + ")", m.toString());
        }
        return ResponseEntity.ok(view(m, run.executionId(), run.status().name(), run.files()));
    }

    @GetMapping(path = "/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
    public MonthlyReportView monthlyReportFiles(Authentication user, @PathVariable String month) {
        wholeHub(users.rest(user));
        YearMonth m = month(month);
        List<Path> files = reports.files(m);
        if (files.isEmpty()) {
            throw new ReportException(ReportException.REPORT_NOT_FOUND, "no report of " + m + ": run it first", m.toString());
        }
        return view(m, null, null, files);
    }

    @GetMapping(path = "/{month}/files/{name}")
    public ResponseEntity<Resource> monthlyReportFile(Authentication user, @PathVariable String month, @PathVariable String name) {
        wholeHub(users.rest(user));
        Path file = reports.file(month(month), name);
        return ResponseEntity.ok().contentType(type(name))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(file));
    }

    @ExceptionHandler(ReportException.class)
    ResponseEntity<ApiErrors.ErrorResponse> refused(ReportException e) {
        HttpStatus status = switch (e.code()) {
            case ReportException.REPORT_MONTH_INVALID -> HttpStatus.BAD_REQUEST;
            case ReportException.REPORT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return ResponseEntity.status(status).body(ApiErrors.ErrorResponse.of(List.of(Problem.of(e.code(),
                e.getMessage(), e.location()))));
    }

    private static Actor wholeHub(Actor who) {
        if (!who.scope().all()) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, "the monthly report"
                    + " covers every division: " + who.name() + "'s data scope is narrower", "report");
        }
        return who;
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReportException(ReportException.REPORT_MONTH_INVALID, "month '" + text + "' is not yyyy-MM", "month");
        }
    }

    private static MonthlyReportView view(YearMonth month, Long executionId, String status, List<Path> files) {
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        return new MonthlyReportView(month.toString(), executionId, status, names,
                names.stream().map(n -> "/api/v1/reports/monthly/" + month + "/files/" + n).toList());
    }

    private static MediaType type(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return MediaType.APPLICATION_PDF;
        }
        if (lower.endsWith(".xlsx")) {
            return MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        if (lower.endsWith(".csv")) {
            return MediaType.parseMediaType("text/csv;charset=UTF-8");
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }
}
