package org.jincai.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.scheduler.jobs.JobExecutions;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges of what the hub holds, read from its database at most every {@value #MAX_AGE_SECONDS} seconds whatever the
 * scrape rate (so every node reports the cluster's figures): {@code jincai.payments{state}},
 * {@code jincai.deliveries{state}}, {@code jincai.files.delivered} (payment files in the banks' hands),
 * {@code jincai.answers.pending} (files delivered whose bank has not answered yet) and
 * {@code jincai.jobs.executions{job,status}}. Exposed with the rest of Micrometer's meters at
 * {@code /actuator/prometheus} on the management port.
 */
@Component
public class HubMetrics implements MeterBinder {

    static final long MAX_AGE_SECONDS = 10;

    private final NamedParameterJdbcTemplate jdbc;
    private final JobExecutions jobs;
    private final Clock clock;
    private final Set<String> jobGauges = new HashSet<>();
    private MeterRegistry registry;
    private Snapshot snapshot;

    public HubMetrics(NamedParameterJdbcTemplate jdbc, JobExecutions jobs, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The figures of one read. */
    record Snapshot(Instant at, Map<String, Long> payments, Map<String, Long> deliveries, long delivered,
                    long answersPending, Map<String, Map<String, Long>> jobs) {
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        this.registry = meters;
        for (PaymentStatus s : PaymentStatus.values()) {
            Gauge.builder("jincai.payments", this, m -> m.current().payments().getOrDefault(s.name(), 0L))
                    .tag("state", s.name()).description("payments in each lifecycle state").register(meters);
        }
        for (DeliveryStatus s : DeliveryStatus.values()) {
            Gauge.builder("jincai.deliveries", this, m -> m.current().deliveries().getOrDefault(s.name(), 0L))
                    .tag("state", s.name()).description("payment files by delivery state").register(meters);
        }
        Gauge.builder("jincai.files.delivered", this, m -> m.current().delivered())
                .description("payment files in the banks' hands (uploaded or answered)").register(meters);
        Gauge.builder("jincai.answers.pending", this, m -> m.current().answersPending())
                .description("payment files delivered whose bank has not answered yet").register(meters);
    }

    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || Duration.between(snapshot.at(), now).getSeconds() >= MAX_AGE_SECONDS) {
            snapshot = read(now);
            registerJobGauges(snapshot);
        }
        return snapshot;
    }

    private Snapshot read(Instant now) {
        Map<String, Long> payments = counts("SELECT status, COUNT(*) FROM payment GROUP BY status");
        Map<String, Long> deliveries = counts("SELECT status, COUNT(*) FROM bank_delivery GROUP BY status");
        long delivered = deliveries.getOrDefault(DeliveryStatus.UPLOADED.name(), 0L)
                + deliveries.getOrDefault(DeliveryStatus.ANSWERED.name(), 0L);
        return new Snapshot(now, payments, deliveries, delivered,
                deliveries.getOrDefault(DeliveryStatus.UPLOADED.name(), 0L), jobs.countsByJobAndStatus());
    }

    /** A job or status seen for the first time gets its gauge (jobs come with the application, statuses with runs). */
    private void registerJobGauges(Snapshot s) {
        if (registry == null) {
            return;
        }
        s.jobs().forEach((job, byStatus) -> byStatus.keySet().forEach(status -> {
            if (jobGauges.add(job + "/" + status)) {
                Gauge.builder("jincai.jobs.executions", this,
                                m -> m.current().jobs().getOrDefault(job, Map.of()).getOrDefault(status, 0L))
                        .tags(Tags.of("job", job, "status", status))
                        .description("job executions by job and status").register(registry);
            }
        }));
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, Map.of(), rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
