package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calendar}, {@code schedule} and {@code jobs} through the launcher on a hub's own embedded database, with
 * exit codes: a calendar loaded from CSV and one refused with every bad line; a payroll scheduled on a holiday moved
 * to the next working day, listed, paused, resumed and cancelled, and still there after each command's restart of the
 * hub (the job store is the database); job executions listed; an unknown execution refused with its code.
 */
class SchedulerCommandsTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        JincaiCli cli = new JincaiCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = dir.resolve("hub").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    @Test
    void calendarScheduleAndJobsFromTheCommandLine() throws Exception {
        Path calendar = Files.writeString(dir.resolve("cal-2028.csv"),
                "date,kind,note\n2028-01-03,HOLIDAY,元旦\n2028-01-08,WORKDAY,调休上班\n", StandardCharsets.UTF_8);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "2028-01-04,WORKDAY,a Tuesday\n2028-01-05,OFF,x\n");
        Path payroll = Files.writeString(dir.resolve("payroll.csv"), "payroll\n");
        String id;
        System.setProperty("spring.profiles.active", "simulator");
        try {
            assertThat(run("calendar", "import", calendar.toString())).isZero();
            assertThat(run("calendar", "import", bad.toString())).isEqualTo(1);
            assertThat(run("schedule", "payroll", payroll.toString(), "--agency", "101001", "--month", "2027-10",
                    "--at", "2027-10-01T10:00")).isZero();
            id = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("scheduled "))
                    .findFirst().orElseThrow().split(" ")[1];
            assertThat(run("schedule", "pause", id)).isZero();
            assertThat(run("schedule", "list")).isZero();
            assertThat(run("schedule", "cancel", id, "--reason", "wrong month")).isZero();
            assertThat(run("jobs")).isZero();
            assertThat(run("jobs", "restart", "424242")).isEqualTo(1);
            assertThat(run("schedule", "payroll", payroll.toString())).as("usage").isEqualTo(2);
        } finally {
            System.clearProperty("spring.profiles.active");
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("imported cal-2028.csv: year(s) [2028] replaced")
                .contains("2028 PUBLISHED")
                .contains("CALENDAR_NOT_PUBLISHED")
                .contains("run at 2027-10-04T10:00 (asked for 2027-10-01T10:00)")
                .contains("paused " + id)
                .contains("7 schedule(s)").contains("job:monthly-report")
                .contains("bank-polling-DEMO-ISO").contains("route:direct:bank-poll")
                .contains("cancelled " + id)
                .contains("0 job execution(s)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CALENDAR_INVALID")
                .contains("bad.csv:1").contains("bad.csv:2")
                .contains("JOB_EXECUTION_NOT_FOUND");
    }
}
