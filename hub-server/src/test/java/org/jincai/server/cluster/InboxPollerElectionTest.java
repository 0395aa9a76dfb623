package org.jincai.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.jincai.core.testing.TestDatabase;
import org.jincai.routes.RouteIds;
import org.jincai.scheduler.recovery.ExecutionNodes;
import org.jincai.scheduler.recovery.RunningSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two nodes electing the inbox poller over one real database (the hub's migrations, INT_LOCK): one leads and runs
 * the finance inbox routes, the other's stay stopped; when the leader stops, the other takes the lead and
 * starts them. Health says which is which.
 */
class InboxPollerElectionTest {

    static final String INBOX = RouteIds.financeInbox("HUBEI-FIN");

    TestDatabase db;
    Node a;
    Node b;

    /** A node: its routes (an inbox that waits for the lead, and an outbox that always runs) and its election. */
    record Node(CamelContext camel, ClusterNode cluster, DefaultLockRepository locks,
                LockRegistryLeaderInitiator election) {

        boolean polling() {
            return cluster.pollersRunning().contains(INBOX);
        }

        void stop() {
            election.stop();
            locks.stop();
            camel.stop();
        }
    }

    @BeforeEach
    void database() {
        db = TestDatabase.create();
    }

    @AfterEach
    void stop() {
        for (Node n : new Node[] {a, b}) {
            if (n != null) {
                n.stop();
            }
        }
        db.close();
    }

    private Node node(String id) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:inbox").routeId(INBOX).autoStartup(false).log("inbox");
                from("direct:outbox").routeId(RouteIds.financeOutbox("HUBEI-FIN")).log("outbox");
            }
        });
        camel.start();
        ClusterProperties props = new ClusterProperties(true, id, Duration.ofSeconds(2), Duration.ofMillis(200),
                null, null, null);
        ClusterNode cluster = new ClusterNode(id, true, camel, Clock.systemUTC());
        DefaultLockRepository locks = new DefaultLockRepository(db.dataSource(), id);
        locks.setTimeToLive((int) props.leaderTtl().toMillis());
        locks.setTransactionManager(new DataSourceTransactionManager(db.dataSource()));
        locks.afterPropertiesSet();
        locks.afterSingletonsInstantiated();
        locks.start();
        LockRegistryLeaderInitiator election = new LockRegistryLeaderInitiator(new JdbcLockRegistry(locks),
                new InboxPollerCandidate(cluster));
        election.setHeartBeatMillis(props.leaderHeartbeat().toMillis());
        election.setBusyWaitMillis(props.leaderHeartbeat().toMillis());
        election.start();
        return new Node(camel, cluster, locks, election);
    }

    @Test
    void oneNodePollsTheInboxesAndTheOtherTakesOverWhenItStops() throws Exception {
        a = node("node-a");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(a::polling);
        b = node("node-b");
        Thread.sleep(1_000);

        assertThat(a.cluster().leader()).isTrue();
        assertThat(b.cluster().leader()).isFalse();
        assertThat(b.polling()).as("the follower's inbox route stays stopped").isFalse();
        assertThat(b.camel().getRouteController().getRouteStatus(RouteIds.financeOutbox("HUBEI-FIN")).isStarted())
                .as("every node delivers its own outbox").isTrue();
        assertThat(db.jdbc().getJdbcTemplate().queryForList("SELECT CLIENT_ID FROM INT_LOCK", String.class))
                .containsExactly("node-a");
        Health health = health(b.cluster());
        assertThat(health.getDetails()).containsEntry("mode", "cluster").containsEntry("node", "node-b")
                .containsEntry("role", "follower").containsEntry("pollers", List.of())
                .containsEntry("quartz", "not started").containsEntry("stepsRunning", 0)
                .containsEntry("steps", List.of()).containsEntry("lastTakeover", "none");

        a.stop();
        a = null;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(b::polling);

        assertThat(b.cluster().leader()).isTrue();
        assertThat(health(b.cluster()).getDetails()).containsEntry("role", "leader")
                .containsEntry("pollers", List.of(INBOX));
    }

    @Test
    void aSingleNodeLeadsFromItsStartWithoutAnElection() {
        ClusterNode single = new ClusterNode("solo", false, new DefaultCamelContext(), Clock.systemUTC());

        assertThat(health(single).getDetails()).containsEntry("mode", "single node")
                .containsEntry("role", "leader");
    }

    /** The node's health, with no Quartz scheduler running (these nodes have none) and no step running. */
    private Health health(ClusterNode node) {
        ExecutionNodes executions = new ExecutionNodes(db.jdbc(),
                new StaticListableBeanFactory().getBeanProvider(Scheduler.class), Clock.systemUTC());
        return new ClusterHealth(node, executions, new RunningSteps(), null, null).health();
    }
}
