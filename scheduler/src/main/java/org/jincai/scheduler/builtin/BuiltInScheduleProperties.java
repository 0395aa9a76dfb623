package org.jincai.scheduler.builtin;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jincai.schedules.NAME}: the hub's recurring schedules. Each fires on a Quartz cron expression ({@code cron},
 * seconds first, Beijing time) or every {@code interval}, and launches either a Spring Batch job by name
 * ({@code job}) or a route endpoint ({@code route}), with fixed {@code parameters}; {@code enabled: false} removes it
 * from the cluster's store. {@code each-bank: true} makes one schedule per bank profile, {@code NAME-<bank code>},
 * with parameter {@code bank} set to the bank's code, every {@code interval} or else every {@code sftp.poll-interval}
 * of its bank (polling each bank's outbox). {@code audited: false} leaves a firing that launched out of the audit
 * trail (a poll every few seconds would drown it); a failed launch is audited whatever this says.
 */
@ConfigurationProperties("jincai")
public record BuiltInScheduleProperties(Map<String, Entry> schedules) {

    public BuiltInScheduleProperties {
        schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    }

    /** One recurring schedule. */
    public record Entry(String cron, Duration interval, String job, String route, Map<String, String> parameters,
                        @DefaultValue("true") boolean enabled, @DefaultValue("false") boolean eachBank,
                        @DefaultValue("true") boolean audited) {

        public Entry {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }
}
