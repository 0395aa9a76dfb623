package org.jincai.server.cluster;

import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.scheduler.SchedulerInstance;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.jincai.scheduler.recovery.ExecutionSweep;
import org.jincai.scheduler.recovery.RunningSteps;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * The node's place among others: always a {@link ClusterNode}, its health and Quartz's name for it; with
 * {@code jincai.cluster.enabled}
 * the election of the inbox poller over Spring Integration's JDBC lock registry on the hub's database (table
 * {@code INT_LOCK}): the node holding the role's lock polls, renews the lock every heartbeat, and a lock not
 * renewed within its time to live — a node lost — goes to the next node that tries; and the sweep that takes over
 * the bank files a lost node staged and never began to upload, and the receipts, returns and notices it staged and
 * never delivered to a finance system ({@link StagedFileSweep}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterConfiguration {

    /** Quartz's instance id of a hub that is not part of a cluster. */
    public static final String SINGLE_NODE = "single-node";

    @Bean
    ClusterNode clusterNode(ClusterProperties cluster, CamelContext camel, Clock clock) {
        return new ClusterNode(cluster.nodeId(), cluster.enabled(), camel, clock);
    }

    /**
     * Quartz's name for this node, the same at every start so that a node restarted after a crash takes back at
     * once the triggers its previous run held: the node id in a cluster (each node's own, docs/deployment.md), a
     * fixed name on a single node, whose database no other node shares.
     */
    @Bean
    SchedulerInstance schedulerInstance(ClusterProperties cluster) {
        return new SchedulerInstance(cluster.enabled() ? cluster.nodeId() : SINGLE_NODE);
    }

    @Bean
    ClusterHealth clusterHealthIndicator(ClusterNode node, ExecutionNodes executions, RunningSteps steps,
                                         ObjectProvider<ExecutionSweep> sweep,
                                         ObjectProvider<StagedFileSweep> stagedFiles) {
        return new ClusterHealth(node, executions, steps, sweep.getIfAvailable(), stagedFiles.getIfAvailable());
    }

    /**
     * Takes over, every {@code jincai.cluster.staged-file-sweep}, the bank files and the answers lost nodes staged and
     * never sent.
     */
    @Bean
    @ConditionalOnProperty(name = "jincai.cluster.enabled", havingValue = "true")
    StagedFileSweep stagedFileSweep(ExecutionNodes nodes, SchedulerInstance instance, ReleaseService release,
                                    @Qualifier(TreasuryCoreConfiguration.BANK_STAGING) StagingArea outbound,
                                    StagedAnswers answers,
                                    @Qualifier(TreasuryCoreConfiguration.FINANCE_STAGING) StagingArea financeOutbound,
                                    AuditTrail audit, Clock clock, ClusterProperties cluster) {
        return new StagedFileSweep(nodes, instance.id(), release, outbound, answers, financeOutbound, audit, clock,
                cluster.stagedFileSweep());
    }

    @Bean
    @ConditionalOnProperty(name = "jincai.cluster.enabled", havingValue = "true")
    DefaultLockRepository clusterLockRepository(DataSource dataSource, ClusterProperties cluster) {
        DefaultLockRepository locks = new DefaultLockRepository(dataSource, cluster.nodeId());
        locks.setTimeToLive((int) cluster.leaderTtl().toMillis());
        return locks;
    }

    @Bean
    @ConditionalOnProperty(name = "jincai.cluster.enabled", havingValue = "true")
    LockRegistryLeaderInitiator inboxPollerElection(DefaultLockRepository locks, ClusterNode node,
                                                    ClusterProperties cluster) {
        LockRegistryLeaderInitiator election = new LockRegistryLeaderInitiator(new JdbcLockRegistry(locks),
                new InboxPollerCandidate(node));
        election.setHeartBeatMillis(cluster.leaderHeartbeat().toMillis());
        election.setBusyWaitMillis(cluster.leaderHeartbeat().toMillis());
        return election;
    }
}
