package org.jincai.server.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jincai.core.access.DataScope;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.controls.ControlException;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.server.api.ReleaseController;
import org.jincai.server.api.VoucherController;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.BankFileContent;
import org.jincai.server.query.BankFileQueries;
import org.jincai.server.query.BankFileRow;
import org.jincai.server.query.ControlQueries;
import org.jincai.server.query.OperationQueries;
import org.jincai.server.query.PageRequest;
import org.jincai.server.query.PaymentQueries;
import org.jincai.scheduler.jobs.JobExecutionView;
import org.springframework.core.io.ByteArrayResource;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's sign-in, dashboard, vouchers and payments (search, and one payment's timeline), the release to the
 * banks and the bank files' download — read through the hub's query services, inside the reader's data scope: a
 * payment or file outside it is "not found".
 */
@Controller
@RequestMapping(ConsoleSecurityConfiguration.BASE)
public class ConsolePages {

    /** Rows on one page of a console list. */
    static final int PAGE_SIZE = 50;
    /** Items the dashboard lists in each of its boxes. */
    static final int DASHBOARD_ITEMS = 20;

    private final ConsoleQueries today;
    private final ControlUsers users;
    private final PaymentQueries payments;
    private final BankFileQueries files;
    private final ControlQueries controls;
    private final OperationQueries operations;
    private final ReleaseController release;
    private final VoucherController intake;

    public ConsolePages(ConsoleQueries today, ControlUsers users, PaymentQueries payments, BankFileQueries files,
                        ControlQueries controls, OperationQueries operations, ReleaseController release,
                        VoucherController intake) {
        this.today = today;
        this.users = users;
        this.payments = payments;
        this.files = files;
        this.controls = controls;
        this.operations = operations;
        this.release = release;
        this.intake = intake;
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
        DataScope scope = users.rest(auth).scope();
        PageRequest first = PageRequest.first(DASHBOARD_ITEMS);
        model.addAttribute("today", today.today(scope));
        List<BankFileRow> waiting = new ArrayList<>();
        for (DeliveryStatus s : List.of(DeliveryStatus.UPLOADED, DeliveryStatus.DELIVERY_UNCERTAIN)) {
            waiting.addAll(files.files(scope, new BankFileQueries.FileFilter(null, s.name(), null, null, null, null),
                    first).items());
        }
        model.addAttribute("waiting", waiting);
        model.addAttribute("alerts", controls.alerts(scope, new ControlQueries.AlertFilter("OPEN", null, null, null,
                null, null), first));
        model.addAttribute("exceptions", controls.exceptions(scope, new ControlQueries.ExceptionFilter(true, null, null,
                null, null, null), first));
        List<JobExecutionView> running = new ArrayList<>();
        for (String s : List.of("STARTING", "STARTED", "STOPPING")) {
            running.addAll(operations.jobRuns(scope, new OperationQueries.JobFilter(null, s, null, null), first).items());
        }
        model.addAttribute("jobs", running);
    }

    @GetMapping("/vouchers")
    public String vouchers(Authentication auth, Model model, @RequestParam(required = false) String voucherNo,
                           @RequestParam(required = false) String agency, @RequestParam(required = false) String bank,
                           @RequestParam(required = false) Integer page) {
        model.addAttribute("vouchers", payments.vouchers(users.rest(auth).scope(), new PaymentQueries.VoucherFilter(
                null, blankToNull(agency), null, blankToNull(voucherNo), blankToNull(bank), null, null, null),
                PageRequest.of(page, PAGE_SIZE)));
        return "console/vouchers";
    }

    /**
     * An operator submits a voucher envelope (the MOF XML a finance system sends) through the REST intake's own
     * path — size and concurrency limits, data scope, every voucher checked and answered — and sees each voucher's
     * outcome (accepted, refused with its codes, or a duplicate).
     */
    @PostMapping("/vouchers")
    public String submit(@RequestParam("envelope") MultipartFile envelope, Authentication auth,
                         RedirectAttributes flash) {
        try (InputStream in = envelope.getInputStream()) {
            flash.addFlashAttribute("submitted", intake.take(in, auth, "console"));
            flash.addFlashAttribute("notice", envelope.getOriginalFilename());
        } catch (IOException e) {
            flash.addFlashAttribute("error", "ENVELOPE_UNREADABLE: " + e.getMessage());
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + ConsoleSecurityConfiguration.BASE + "/vouchers";
    }

    @GetMapping("/payments")
    public String payments(Authentication auth, Model model, @RequestParam(required = false) String voucherNo,
                           @RequestParam(required = false) String status, @RequestParam(required = false) String bank,
                           @RequestParam(required = false) String payee, @RequestParam(required = false) Integer page) {
        model.addAttribute("payments", payments.payments(users.rest(auth).scope(), new PaymentQueries.PaymentFilter(
                blankToNull(status), blankToNull(bank), null, blankToNull(voucherNo), null, null, null,
                blankToNull(payee), null, null), PageRequest.of(page, PAGE_SIZE)));
        return "console/payments";
    }

    @GetMapping("/payments/{id}")
    public String payment(@PathVariable String id, Authentication auth, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("t", payments.timeline(users.rest(auth).scope(), id));
        } catch (ControlException unknownOrOutside) {
            return notFound(response);
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
            ReleaseController.ReleaseView r = release.release(auth, AuditEntry.Channel.CONSOLE);
            flash.addFlashAttribute("notice", r.files().stream().map(ReleaseController.StagedView::fileName)
                    .collect(Collectors.joining(", ")));
            flash.addFlashAttribute("released", r);
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", ConsoleErrors.describe(e));
        }
        return "redirect:" + ConsoleSecurityConfiguration.BASE;
    }

    /** The bytes of one payment file as the bank received it, for a reader all of whose payments are in scope. */
    @GetMapping("/files/{deliveryId}")
    public ResponseEntity<Resource> file(@PathVariable String deliveryId, Authentication auth) {
        BankFileContent c;
        try {
            c = files.content(users.rest(auth).scope(), deliveryId);
        } catch (ControlException e) {
            if (e.kind() == ControlException.Kind.CONFLICT) {
                // the bytes on disk are not those delivered: said, never served
                return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.TEXT_PLAIN)
                        .body(new ByteArrayResource(ConsoleErrors.describe(e).getBytes(StandardCharsets.UTF_8)));
            }
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(c.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(c.fileName())
                        .build().toString())
                .body(new FileSystemResource(c.path()));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
