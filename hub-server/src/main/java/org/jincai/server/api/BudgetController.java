package org.jincai.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.jincai.core.budget.BudgetCodes;
import org.jincai.core.budget.BudgetFile;
import org.jincai.core.budget.BudgetImportService;
import org.jincai.core.budget.BudgetQueries;
import org.jincai.core.budget.PerformanceTargetImport;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlException;
import org.jincai.server.controls.ControlUsers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The budget (docs/budget.md). {@code POST /api/v1/budget/indicators} and {@code POST /api/v1/budget/plans}: an
 * operator imports a CSV file of indicators (指标) or monthly plans (用款计划) and their adjustments (追加/追减) —
 * the body is the file, {@code text/csv} with its {@code charset} (UTF-8 when none; GBK and GB18030 too), at most
 * {@value #MAX_FILE_BYTES} bytes, named by {@code fileName} — imported whole or refused whole with every bad line.
 * {@code POST /api/v1/budget/performance}: the same for the indicators' performance targets (绩效目标).
 * {@code GET /api/v1/budget?agency=CODE}: what each indicator and plan inside the caller's scope stands at;
 * {@code GET /api/v1/budget/movements?agency=CODE}: every movement that made them.
 */
@RestController
@RequestMapping("/api/v1/budget")
public class BudgetController {

    /** The largest budget file taken over the API: 32 MiB, far above a province's year. */
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private final BudgetImportService imports;
    private final BudgetQueries queries;
    private final PerformanceTargetImport targets;
    private final ControlUsers users;

    public BudgetController(BudgetImportService imports, BudgetQueries queries, PerformanceTargetImport targets,
                            ControlUsers users) {
        this.imports = imports;
        this.queries = queries;
        this.targets = targets;
        this.users = users;
    }

    /** One indicator as a budget officer reads it. */
    public record IndicatorView(String indicatorId, String admDivCode, String stYear, String agencyCode,
                                String expFuncCode, String govExpEcoCode, String fundTypeCode, String depProCode,
                                BigDecimal approved, BigDecimal reserved, BigDecimal spent, BigDecimal available) {
    }

    /** One month's plan. */
    public record PlanView(String planId, String admDivCode, String stYear, int month, String agencyCode,
                           String fundTypeCode, BigDecimal approved, BigDecimal reserved, BigDecimal spent,
                           BigDecimal available) {
    }

    /** The budget inside the caller's scope. */
    public record BudgetView(List<IndicatorView> indicators, List<PlanView> plans) {
    }

    @PostMapping(path = "/indicators", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    public BudgetImportService.ImportResult indicators(HttpServletRequest request, Authentication user,
                                                       @RequestParam(defaultValue = "indicators.csv") String fileName)
            throws IOException {
        return imports.importIndicators(file(request, fileName), users.rest(user));
    }

    @PostMapping(path = "/plans", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    public BudgetImportService.ImportResult plans(HttpServletRequest request, Authentication user,
                                                  @RequestParam(defaultValue = "plans.csv") String fileName)
            throws IOException {
        return imports.importPlans(file(request, fileName), users.rest(user));
    }

    /** The performance targets (绩效目标) of indicators: a CSV file like a budget file's (docs/budget.md). */
    @PostMapping(path = "/performance", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    public PerformanceTargetImport.TargetsImported importPerformanceTargets(HttpServletRequest request, Authentication user,
                                                      @RequestParam(defaultValue = "performance.csv") String fileName)
            throws IOException {
        return targets.importFile(file(request, fileName), users.rest(user));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public BudgetView show(Authentication user, @RequestParam(required = false) String agency) {
        Actor who = users.rest(user);
        String agencyCode = agency == null || agency.isBlank() ? null : agency.strip();
        return new BudgetView(queries.indicators(who.scope(), agencyCode).stream().map(b -> new IndicatorView(
                b.indicatorId(), b.subject().admDivCode(), b.subject().stYear(), b.subject().agencyCode(),
                b.subject().expFuncCode(), b.subject().govExpEcoCode(), b.subject().fundTypeCode(),
                b.subject().depProCode(), b.approved(), b.reserved(), b.spent(), b.available())).toList(),
                queries.plans(who.scope(), agencyCode).stream().map(p -> new PlanView(p.planId(), p.plan().admDivCode(),
                        p.plan().stYear(), p.plan().month(), p.plan().agencyCode(), p.plan().fundTypeCode(),
                        p.approved(), p.reserved(), p.spent(), p.available())).toList());
    }

    /** Every movement of the indicators and plans inside the caller's scope: the budget's history, in import order. */
    @GetMapping(path = "/movements", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<BudgetQueries.Movement> movements(Authentication user, @RequestParam(required = false) String agency) {
        return queries.movements(users.rest(user).scope(), agency == null || agency.isBlank() ? null : agency.strip());
    }

    /** The body as a budget file in the character set its Content-Type names, refused past the limit. */
    private static BudgetFile file(HttpServletRequest request, String fileName) throws IOException {
        if (request.getContentLengthLong() > MAX_FILE_BYTES) {
            throw tooLarge(fileName);
        }
        // the charset the sender declared: the request's own encoding is forced to UTF-8 by the servlet filter
        String declared = request.getHeader(HttpHeaders.CONTENT_TYPE);
        Charset charset;
        try {
            Charset given = declared == null ? null : MediaType.parseMediaType(declared).getCharset();
            charset = given == null ? StandardCharsets.UTF_8 : given;
        } catch (InvalidMediaTypeException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_UNREADABLE,
                    "the character set of '" + declared + "' is not known", "Content-Type");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (body.size() + n > MAX_FILE_BYTES) {
                    throw tooLarge(fileName);
                }
                body.write(buffer, 0, n);
            }
        }
        return BudgetFile.of(fileName, body.toByteArray(), charset);
    }

    private static ControlException tooLarge(String fileName) {
        return new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_TOO_LARGE,
                "a budget file over the API is at most " + MAX_FILE_BYTES + " bytes", fileName);
    }
}
