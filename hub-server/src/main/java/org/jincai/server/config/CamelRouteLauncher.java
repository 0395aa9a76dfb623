package org.jincai.server.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
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

    /** The outcome of a firing while this node's routes are not running. */
    static final String ROUTES_NOT_RUNNING = "routes not running on this node (starting or stopping): nothing sent";

    private final CamelContext camel;
    private final ProducerTemplate producer;

    public CamelRouteLauncher(CamelContext camel, ProducerTemplate producer) {
        this.camel = camel;
        this.producer = producer;
    }

    /**
     * Quartz starts before the routes and stops after them: a firing in between (a bank poll every few seconds) finds
     * no route to send to, and sends nothing — the next firing does.
     */
    @Override
    public String launch(String endpointUri, Map<String, String> parameters) {
        if (!camel.getStatus().isStarted()) {
            return ROUTES_NOT_RUNNING;
        }
        Object answer = producer.requestBodyAndHeaders(endpointUri, "", new HashMap<>(parameters));
        return answer instanceof String s && !s.isEmpty() ? endpointUri + ": " + s : "sent to " + endpointUri;
    }
}
