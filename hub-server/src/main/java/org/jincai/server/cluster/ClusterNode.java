package org.jincai.server.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.jincai.routes.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place in the cluster: its name, whether it leads — polls the finance systems' inboxes — and
 * since when. On a single node ({@code jincai.cluster.enabled=false}) the node leads from its start and the inbox
 * routes start with the context; in a cluster the inbox routes wait, and {@link #lead()} and {@link #follow()},
 * called by the election ({@link InboxPollerCandidate}), start and stop them.
 */
public class ClusterNode {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final String nodeId;
    private final boolean clustered;
    private final CamelContext camel;
    private final Clock clock;
    private volatile boolean leader;
    private volatile Instant since;

    public ClusterNode(String nodeId, boolean clustered, CamelContext camel, Clock clock) {
        this.nodeId = nodeId;
        this.clustered = clustered;
        this.camel = camel;
        this.clock = clock;
        this.leader = !clustered;
        this.since = clock.instant();
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean clustered() {
        return clustered;
    }

    public boolean leader() {
        return leader;
    }

    public Instant since() {
        return since;
    }

    /** Elected: starts every finance inbox route. */
    void lead() throws Exception {
        for (String id : inboxRoutes()) {
            camel.getRouteController().startRoute(id);
        }
        leader = true;
        since = clock.instant();
        log.info("node {} leads: polling the finance inboxes {}", nodeId, inboxRoutes());
    }

    /** No longer elected (lost the lock, or stopping): stops the finance inbox routes, each after its file in hand. */
    void follow() {
        leader = false;
        since = clock.instant();
        for (String id : inboxRoutes()) {
            try {
                camel.getRouteController().stopRoute(id);
            } catch (Exception e) {
                log.warn("node {} could not stop route {}: {}", nodeId, id, e.toString());
            }
        }
        log.info("node {} follows: the finance inboxes are another node's", nodeId);
    }

    /** The finance inbox routes that run on this node now. */
    public List<String> pollersRunning() {
        return inboxRoutes().stream().filter(id -> camel.getRouteController().getRouteStatus(id) == ServiceStatus.Started)
                .toList();
    }

    private List<String> inboxRoutes() {
        return camel.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> id.startsWith(RouteIds.FINANCE_INBOX_PREFIX)).sorted().toList();
    }
}
