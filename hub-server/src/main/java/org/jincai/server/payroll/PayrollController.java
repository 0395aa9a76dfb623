package org.jincai.server.payroll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.batch.payroll.PayrollRun;
import org.jincai.batch.payroll.PayrollSummary;
import org.jincai.core.CrashPoints;
import org.jincai.server.config.HubProperties;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Payroll runs over REST (docs/payroll.md). {@code POST /api/v1/payroll/runs} (multipart: {@code file},
 * {@code agency}, {@code month}, optional {@code charset}, {@code retryFailed}) keeps the upload under
 * {@code <home>/spool/payroll}, takes the run and starts its job in the background: 202 with the run. The copy is
 * the run's input and stays with it; one the launcher refuses (PAYROLL_ALREADY_RUN, a file it cannot read) or that
 * resumes an earlier unfinished run of the same file (which reads its own copy) is removed at once, so no salary
 * file is left in the spool without a run (one a stop left between the copy and the run: {@link PayrollSpoolSweep}
 * at the next start).
 * {@code GET /api/v1/payroll/runs/{id}}: where it stands and its figures; {@code POST .../{id}/restart}: resumes it
 * in the background (after its approval was decided through the approvals API); {@code GET
 * .../{id}/outputs/{name}}: rejected.csv, results.csv or summary.json. One run's job at a time per server.
 */
@RestController
@RequestMapping("/api/v1/payroll/runs")
public class PayrollController {

    static final List<String> OUTPUTS = List.of("rejected.csv", "results.csv", "summary.json");
    private static final Logger log = LoggerFactory.getLogger(PayrollController.class);

    private final PayrollLauncher launcher;
    private final HubProperties props;
    private final PayrollProperties payroll;
    private final ControlUsers users;
    private final ScopeGuard scope;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "payroll-rest"));

    public PayrollController(PayrollLauncher launcher, HubProperties props, PayrollProperties payroll,
                             ControlUsers users, ScopeGuard scope) {
        this.launcher = launcher;
        this.props = props;
        this.payroll = payroll;
        this.users = users;
        this.scope = scope;
    }

    /** Where uploads are kept under the hub's home: each run's input, named {@code <uuid>-<file name>}. */
    static Path spool(Path home) {
        return home.resolve("spool").resolve("payroll");
    }

    /** What the API says of a run: the run and its figures now. */
    public record RunView(PayrollRun run, String job, PayrollSummary summary) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RunView> launch(@RequestParam("file") MultipartFile file, @RequestParam String agency,
                                          @RequestParam String month, @RequestParam(required = false) String charset,
                                          @RequestParam(required = false) String retryFailed, Authentication user)
            throws IOException {
        return launch(file, agency, month, charset, retryFailed, user, "rest");
    }

    /**
     * Launches a payroll run for {@code user}, recorded as submitted by {@code via:user} ({@code rest}, or
     * {@code console} for the console's form).
     */
    public ResponseEntity<RunView> launch(MultipartFile file, String agency, String month, String charset,
                                          String retryFailed, Authentication user, String via) throws IOException {
        scope.requireAgency(users.rest(user), payroll.admDivCode(), agency, "agency");
        Path spool = Files.createDirectories(spool(props.home()));
        String original = file.getOriginalFilename() == null ? "payroll.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString().replaceAll("[^0-9A-Za-z._-]", "_");
        Path kept = spool.resolve(UUID.randomUUID() + "-" + original);
        PayrollLauncher.Submitted taken;
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, kept, StandardCopyOption.REPLACE_EXISTING);
            }
            CrashPoints.reached("payroll-upload-spooled");
            taken = launcher.submit(new PayrollLauncher.Request(kept, agency, month, null, charset, retryFailed,
                    via + ":" + user.getName()));
        } catch (IOException | RuntimeException refused) {
            Files.deleteIfExists(kept);
            throw refused;
        }
        if (!kept.toAbsolutePath().toString().equals(taken.run().filePath())) {
            // the same file, agency and month taken before and not finished: resumed from the copy kept then
            Files.deleteIfExists(kept);
        }
        start(taken.run().runId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(taken.run().runId()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public RunView follow(@PathVariable String id, Authentication user) {
        return visible(id, user);
    }

    @PostMapping(path = "/{id}/restart", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RunView> restart(@PathVariable String id, Authentication user) {
        visible(id, user);
        launcher.refuseIfRunningOnALiveNode(id);
        start(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(id));
    }

    @GetMapping(path = "/{id}/outputs/{name}")
    public ResponseEntity<Resource> output(@PathVariable String id, @PathVariable String name,
                                           Authentication user) {
        visible(id, user);
        if (!OUTPUTS.contains(name)) {
            throw new PayrollException(PayrollCodes.PAYROLL_RUN_NOT_FOUND, "a run's outputs are " + OUTPUTS, name);
        }
        Path file = launcher.outputs(id).resolve(name);
        if (!Files.isRegularFile(file)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(name.endsWith(".json") ? MediaType.APPLICATION_JSON
                : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(new FileSystemResource(file));
    }

    /** The run, if its agency is inside the caller's scope ({@code OUT_OF_SCOPE} otherwise). */
    private RunView visible(String id, Authentication user) {
        RunView run = view(id);
        scope.requireAgency(users.rest(user), run.run().admDivCode(), run.run().agencyCode(), "run " + id);
        return run;
    }

    private RunView view(String id) {
        PayrollLauncher.Outcome o = launcher.status(id);
        return new RunView(o.run(), o.exitCode(), o.summary());
    }

    private void start(String runId) {
        jobs.submit(() -> {
            try {
                PayrollLauncher.Outcome o = launcher.restart(runId);
                log.info("payroll run {} ended {}: {}", runId, o.exitCode(), o.exitDescription());
            } catch (RuntimeException e) {
                log.error("payroll run {} failed", runId, e);
            }
        });
    }
}
