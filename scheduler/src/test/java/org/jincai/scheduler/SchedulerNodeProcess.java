package org.jincai.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduler node in a JVM of its own ({@link SchedulerTestApplication} started by {@link #main}), for the test of
 * two processes on one database: started from the test's own classpath with the database's Spring properties as
 * arguments, it runs until its standard input is closed, then stops its context (Quartz leaves the cluster) and exits.
 * Argument {@value #LAUNCH}{@code =JOB} makes it start that job at once, directly (as a REST call does, no schedule),
 * with parameter {@code month=direct}.
 */
final class SchedulerNodeProcess implements AutoCloseable {

    /** The argument naming a job the node launches directly once started. */
    static final String LAUNCH = "test.launch";

    private final Process process;

    private SchedulerNodeProcess(Process process) {
        this.process = process;
    }

    /** Starts a node process on the database {@code database} points at; its output goes to {@code log}. */
    static SchedulerNodeProcess start(Map<String, String> database, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), SchedulerNodeProcess.class.getName()));
        database.forEach((k, v) -> command.add(k + "=" + v));
        return new SchedulerNodeProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the node at once (SIGKILL): no shutdown hook, no Quartz sign-off, its work left where it was. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Closes the node's standard input (it stops its context and exits); killed if it has not within 30 s. */
    @Override
    public void close() throws Exception {
        if (!process.isAlive()) {
            return;
        }
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The node: arguments {@code key=value} are the database's Spring properties. */
    public static void main(String[] args) throws IOException {
        Map<String, String> database = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            database.put(a.substring(0, eq), a.substring(eq + 1));
        }
        String launch = database.remove(LAUNCH);
        try (ConfigurableApplicationContext node = SchedulerTestApplication.node(database, Map.of())) {
            if (launch != null) {
                Thread direct = new Thread(() -> {
                    try {
                        node.getBean(JobOperator.class).start(node.getBean(JobRegistry.class).getJob(launch),
                                new JobParametersBuilder().addString("month", "direct").toJobParameters());
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                }, "direct-launch");
                direct.setDaemon(true);
                direct.start();
            }
            InputStream in = System.in;
            while (in.read() >= 0) {
                // runs until the parent closes this stream
            }
        }
        System.exit(0);
    }
}
