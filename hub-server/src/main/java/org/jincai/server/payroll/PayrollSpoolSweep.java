package org.jincai.server.payroll;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jincai.batch.payroll.PayrollLauncher;
import org.jincai.server.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * At every start of the hub (not for one-shot operator commands, which may run beside a serving hub), removes the
 * payroll uploads a stop left in {@code <home>/spool/payroll} without a run: the upload copies the file there, then
 * asks the launcher to take it ({@link PayrollController}), and a hub killed in between left the copy — names, ID
 * numbers and accounts — owned by no run. A copy some run names as its input (whatever the run's state) stays; so does
 * one written since this process started (an upload this hub is taking now). Each removal is logged with the file's
 * name; the upload was never acknowledged (no 202), so its sender still has it to send again.
 */
@Component
@Profile("!cli")
class PayrollSpoolSweep implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PayrollSpoolSweep.class);

    private final PayrollLauncher launcher;
    private final Path spool;
    private final Instant started;

    @Autowired
    PayrollSpoolSweep(PayrollLauncher launcher, HubProperties props) {
        this(launcher, PayrollController.spool(props.home()),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    PayrollSpoolSweep(PayrollLauncher launcher, Path spool, Instant started) {
        this.launcher = launcher;
        this.spool = spool;
        this.started = started;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        int removed = sweep();
        if (removed > 0) {
            log.warn("recovered after an interruption: {} payroll upload(s) without a run removed from {}", removed,
                    spool);
        }
    }

    /**
     * Removes the copies no run names that were written before this process started; returns how many. The runs are
     * asked once, for all the copies.
     */
    int sweep() throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        List<Path> older = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, Files::isRegularFile)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(started)) {
                    older.add(file);
                }
            }
        }
        if (older.isEmpty()) {
            return 0;
        }
        int removed = 0;
        for (Path file : launcher.notRunInputs(spool, older)) {
            if (Files.deleteIfExists(file)) {
                log.warn("recovery: payroll upload {} was kept in the spool and never taken by a run (the hub"
                        + " stopped in between; its sender had no answer): removed", file.getFileName());
                removed++;
            }
        }
        return removed;
    }
}
