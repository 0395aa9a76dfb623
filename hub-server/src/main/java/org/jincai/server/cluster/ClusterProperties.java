package org.jincai.server.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jincai.cluster.*}: whether this hub is one of several nodes on one database (docs/deployment.md).
 *
 * @param enabled           several nodes: elect the inbox poller, claim inbox files in the database
 * @param nodeId            this node's name in the election and in health (36 characters at most; by default
 *                          the host name and process id)
 * @param leaderTtl         how long the elected node's lock lasts without renewal: a node lost is replaced after it
 * @param leaderHeartbeat   how often the elected node renews its lock (and a follower tries to take it)
 * @param inboxClaimMaxAge  how long a claim on an inbox file lasts without refresh (read by the routes)
 * @param inboxClaimRefresh how often a node taking a file refreshes its claim (read by the routes)
 * @param stagedFileSweep   how often a node looks for bank files a lost node staged and never began to upload, and
 *                          for receipts, returns and notices it staged and never delivered, to take them over
 *                          ({@link StagedFileSweep})
 */
@ConfigurationProperties("jincai.cluster")
public record ClusterProperties(boolean enabled, String nodeId, Duration leaderTtl, Duration leaderHeartbeat,
                                Duration inboxClaimMaxAge, Duration inboxClaimRefresh,
                                Duration stagedFileSweep) {

    public ClusterProperties {
        nodeId = nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId;
        leaderTtl = leaderTtl == null ? Duration.ofSeconds(30) : leaderTtl;
        leaderHeartbeat = leaderHeartbeat == null ? Duration.ofSeconds(5) : leaderHeartbeat;
        inboxClaimMaxAge = inboxClaimMaxAge == null ? Duration.ofMinutes(2) : inboxClaimMaxAge;
        inboxClaimRefresh = inboxClaimRefresh == null ? Duration.ofSeconds(15) : inboxClaimRefresh;
        stagedFileSweep = stagedFileSweep == null ? Duration.ofSeconds(30) : stagedFileSweep;
        if (nodeId.length() > 36) {
            throw new IllegalArgumentException("jincai.cluster.node-id: at most 36 characters, was " + nodeId);
        }
        if (leaderTtl.compareTo(leaderHeartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("jincai.cluster: leader-ttl (" + leaderTtl
                    + ") must be at least twice leader-heartbeat (" + leaderHeartbeat + ")");
        }
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String pid = String.valueOf(ProcessHandle.current().pid());
        String id = host + "-" + pid;
        return id.length() <= 36 ? id : host.substring(0, 35 - pid.length()) + "-" + pid;
    }
}
