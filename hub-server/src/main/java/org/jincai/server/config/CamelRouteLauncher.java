package org.jincai.server.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.jincai.scheduler.launch.RouteLauncher;
import org.springframework.stereotype.Component;

/**
 * How a schedule starts a route ({@code route:URI} in {@code jincai.schedules}): one empty message sent to the
 * endpoint, the schedule's parameters as headers, waiting until the route has handled it (a bank poll: until the
 * bank's outbox is drained); the route's answer, when it gives one ({@code POLLED}), is the firing's outcome.
 */
@Component
public class CamelRouteLauncher implements RouteLauncher {

    private final ProducerTemplate producer;

    public CamelRouteLauncher(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String launch(String endpointUri, Map<String, String> parameters) {
        Object answer = producer.requestBodyAndHeaders(endpointUri, "", new HashMap<>(parameters));
        return answer instanceof String s && !s.isEmpty() ? endpointUri + ": " + s : "sent to " + endpointUri;
    }
}
