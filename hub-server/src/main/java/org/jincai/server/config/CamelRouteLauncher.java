package org.jincai.server.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.jincai.scheduler.launch.RouteLauncher;
import org.springframework.stereotype.Component;

/**
 * How a schedule starts a route ({@code route:URI} in {@code jincai.schedules}): one empty message sent to the
 * endpoint, the schedule's parameters as headers, answered when the route has handled it.
 */
@Component
public class CamelRouteLauncher implements RouteLauncher {

    private final ProducerTemplate producer;

    public CamelRouteLauncher(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String launch(String endpointUri, Map<String, String> parameters) {
        producer.sendBodyAndHeaders(endpointUri, "", new HashMap<>(parameters));
        return "sent to " + endpointUri;
    }
}
