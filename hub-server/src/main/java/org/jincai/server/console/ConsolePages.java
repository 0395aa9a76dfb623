package org.jincai.server.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.controls.Actor;
import org.jincai.core.alert.AlertService;
import org.jincai.core.reconcile.ExceptionQueue;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.StagingArea;
import org.jincai.server.api.ReleaseController;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.jincai.scheduler.jobs.JobExecutions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's sign-in, dashboard, payments (search and one payment's timeline), the release to the banks and the
 * bank files' download. Every list is the reader's data scope; a payment or file outside it is "not found".
 */
@Controller
@RequestMapping(ConsoleSecurityConfiguration.BASE)
public class ConsolePages {

    /** Job statuses a dashboard shows as running. */
    static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    private final ConsoleQueries queries;
    private final ControlUsers users;
    private final ScopeGuard scope;
    private final AlertService alerts;
    private final ExceptionQueue exceptions;
    private final JobExecutions jobs;
    private final DeliveryService deliveries;
    private final StagingArea staging;
    private final ReleaseController release;

    public ConsolePages(ConsoleQueries queries, ControlUsers users, ScopeGuard scope, AlertService alerts,
                        ExceptionQueue exceptions, JobExecutions jobs, DeliveryService deliveries,
                        @Qualifier(TreasuryCoreConfiguration.BANK_STAGING) StagingArea staging,
                        ReleaseController release) {
        this.queries = queries;
        this.users = users;
        this.scope = scope;
        this.alerts = alerts;
        this.exceptions = exceptions;
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.staging = staging;
        this.release = release;
    }

    @GetMapping("/login")
    public String login() {
        return "console/login";
    }

    @GetMapping("/denied")
    public String denied() {
        return "console/denied";
    }

    @GetMapping({"", "/"})
    public String dashboard(Authentication auth, Model model) {
        dashboardModel(auth, model);
        return "console/dashboard";
    }

    /** The dashboard's live part alone, which the page fetches again every few seconds. */
    @GetMapping("/dashboard/live")
    public String dashboardLive(Authentication auth, Model model) {
        dashboardModel(auth, model);
        return "console/dashboard :: live";
    }

    private void dashboardModel(Authentication auth, Model model) {
        Actor who = users.rest(auth);
        boolean hub = who.scope().all();
        model.addAttribute("today", queries.today(who.scope()));
        List<Delivery> waiting = new ArrayList<>(deliveries.list(DeliveryStatus.UPLOADED));
        waiting.addAll(deliveries.list(DeliveryStatus.DELIVERY_UNCERTAIN));
        model.addAttribute("waiting", scope.deliveries(who, waiting));
        model.addAttribute("alerts", alerts.list(who.scope(), true, 20));
        // reconciliation exceptions and jobs span the banks and every division: shown to whole-hub users
        model.addAttribute("exceptions", hub ? exceptions.list(true, null, 20) : List.of());
        List<JobExecutionView> running = hub ? jobs.list(null, 50).stream().filter(j -> RUNNING.contains(j.status()))
                .toList() : List.of();
        model.addAttribute("jobs", running);
        model.addAttribute("wholeHub", hub);
    }

    @GetMapping("/payments")
    public String payments(Authentication auth, Model model, @RequestParam(required = false) String voucherNo,
                           @RequestParam(required = false) String status, @RequestParam(required = false) String bank,
                           @RequestParam(required = false) String payee) {
        model.addAttribute("payments", queries.payments(users.rest(auth).scope(), voucherNo, status, bank, payee));
        model.addAttribute("max", ConsoleQueries.MAX_ROWS);
        return "console/payments";
    }

    @GetMapping("/payments/{id}")
    public String payment(@PathVariable String id, Authentication auth, Model model, HttpServletResponse response) {
        Actor who = users.rest(auth);
        ConsoleQueries.PaymentRow p = queries.payment(who.scope(), id).orElse(null);
        if (p == null) {
            return notFound(response);
        }
        model.addAttribute("p", p);
        model.addAttribute("events", queries.events(id));
        model.addAttribute("statementLines", queries.statementLines(id));
        if (p.deliveryId() != null) {
            model.addAttribute("delivery", deliveries.find(p.deliveryId()).orElse(null));
            model.addAttribute("deliveryEvents", deliveries.history(p.deliveryId()));
        }
        return "console/payment";
    }

    /** The console's "not found" page, with its status: what is missing or outside the reader's scope. */
    static String notFound(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "console/notfound";
    }

    /** An operator releases every approved payment to the banks, as {@code POST /api/v1/releases} does. */
    @PostMapping("/release")
    public String release(Authentication auth, RedirectAttributes flash) {
        try {
            ReleaseController.ReleaseView r = release.release(auth);
            flash.addFlashAttribute("notice", r.files().stream().map(ReleaseController.StagedView::fileName)
                    .collect(Collectors.joining(", ")));
            flash.addFlashAttribute("released", r);
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + ConsoleSecurityConfiguration.BASE;
    }

    /** The bytes of one payment file as the bank received it, for a user all of whose payments are in scope. */
    @GetMapping("/files/{deliveryId}")
    public ResponseEntity<Resource> file(@PathVariable String deliveryId, Authentication auth) {
        Delivery d = deliveries.find(deliveryId).orElse(null);
        // a file carrying payments outside the reader's scope is not theirs to know of
        if (d == null || !scope.deliveries(users.rest(auth), List.of(d)).contains(d)) {
            return ResponseEntity.notFound().build();
        }
        Path file = staging.locate(d.bankCode(), d.fileName());
        if (file == null || !Files.isRegularFile(file)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.fileName())
                        .build().toString())
                .body(new FileSystemResource(file));
    }
}
