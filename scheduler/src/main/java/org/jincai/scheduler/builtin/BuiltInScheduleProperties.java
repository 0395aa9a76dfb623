package org.jincai.scheduler.builtin;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jincai.schedules.NAME}: the hub's recurring schedules. Each has a Quartz cron expression (seconds first,
 * Beijing time) and launches either a Spring Batch job by name ({@code job}) or a route endpoint ({@code route}),
 * with fixed {@code parameters}; {@code enabled: false} removes it from the cluster's store.
 */
@ConfigurationProperties("jincai")
public record BuiltInScheduleProperties(Map<String, Entry> schedules) {

    public BuiltInScheduleProperties {
        schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    }

    /** One recurring schedule. */
    public record Entry(String cron, String job, String route, Map<String, String> parameters,
                        @DefaultValue("true") boolean enabled) {

        public Entry {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }
}
