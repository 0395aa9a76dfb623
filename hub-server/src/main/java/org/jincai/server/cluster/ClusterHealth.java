package org.jincai.server.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The node's role in health ({@code /actuator/health} on the management port, component {@code cluster}): single
 * node or cluster, its name, whether it leads (polls the finance inboxes) and since when, the poller routes
 * running here.
 */
public class ClusterHealth implements HealthIndicator {

    private final ClusterNode node;

    public ClusterHealth(ClusterNode node) {
        this.node = node;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("mode", node.clustered() ? "cluster" : "single node")
                .withDetail("node", node.nodeId())
                .withDetail("role", node.leader() ? "leader" : "follower")
                .withDetail("since", node.since().toString())
                .withDetail("pollers", node.pollersRunning())
                .build();
    }
}
