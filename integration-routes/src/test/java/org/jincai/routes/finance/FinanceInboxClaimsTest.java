package org.jincai.routes.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.awaitility.Awaitility;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.InboxReady;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.routes.InboxClaims;
import org.jincai.routes.RouteIds;
import org.jincai.routes.bank.SftpUris;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' finance inbox routes — two Camel contexts, each with its own claims repository — reading one inbox
 * folder over one real database, as two hub nodes do while leadership moves: each file is taken by one of them,
 * once; a claim left by a node lost mid-file frees the file once it is older than the claims' maximum age,
 * and not before.
 */
class FinanceInboxClaimsTest {

    static final Duration MAX_AGE = Duration.ofSeconds(3);
    static final Duration REFRESH = Duration.ofMillis(500);
    static final String ROUTE = RouteIds.financeInbox(TestFinance.CODE);

    @TempDir
    Path home;
    CoreFixture core;
    final List<CamelContext> nodes = new ArrayList<>();
    /** Every exchange the inbox routes of both nodes started, by file name. */
    final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();

    @BeforeEach
    void database() {
        core = new CoreFixture(home.resolve("staging"));
    }

    @AfterEach
    void stop() {
        nodes.forEach(CamelContext::stop);
        core.close();
    }

    /** A node: the real routes in a context of their own, claiming in the shared database, started as a leader would. */
    private CamelContext node() throws Exception {
        FinanceSystem hubei = TestFinance.hubei().withDefaultInboxReady(new InboxReady(InboxReady.Mode.DONE_FILE,
                null, ".done"));
        CamelContext camel = new DefaultCamelContext();
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Exchange e = ((CamelEvent.ExchangeCreatedEvent) event).getExchange();
                if (ROUTE.equals(e.getFromRouteId())) {
                    taken.computeIfAbsent(e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class),
                            k -> new AtomicInteger()).incrementAndGet();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCreatedEvent;
            }
        });
        camel.addRoutes(new FinanceSystemRoutes(new FinanceDirectory(List.of(hubei)), core.inbox, core.financeStaging,
                core.stagedAnswers, new SftpUris(home.resolve("sftp")),
                InboxClaims.shared(core.db.dataSource(), MAX_AGE, REFRESH), home, Clock.systemUTC()));
        camel.start();
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStarted())
                .as("with shared claims the inbox waits for the lead").isFalse();
        nodes.add(camel);
        return camel;
    }

    @Test
    void twoNodesPollingOneInboxTakeEachFileOnce() throws Exception {
        CamelContext a = node();
        CamelContext b = node();
        for (int i = 0; i < 20; i++) {
            drop(String.format("batch-%02d.xml", i), Envelopes.exampleRenumbered(String.format("K%04d", i)));
        }

        a.getRouteController().startRoute(ROUTE);
        b.getRouteController().startRoute(ROUTE);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> files("archive").size() == 20);
        Thread.sleep(1_500);

        assertThat(taken).hasSize(20);
        taken.forEach((name, times) -> assertThat(times.get()).as("times " + name + " was taken").isEqualTo(1));
        assertThat(files("error")).isEmpty();
        assertThat(files("inbox")).isEmpty();
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).as("two stored of each envelope's three").isEqualTo(40);
        assertThat(core.db.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = '" + ROUTE + "'"))
                .as("one claim per file, left to age").isEqualTo(20);
    }

    @Test
    void aClaimLeftByALostNodeFreesTheFileOnlyOnceOlderThanTheMaximumAge() throws Exception {
        Path inbox = Files.createDirectories(folder("inbox"));
        String key = inbox.resolve("orphan.xml").toAbsolutePath().toString();
        core.db.jdbc().getJdbcTemplate().update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt)"
                + " VALUES (?, ?, ?)", ROUTE, key, Timestamp.from(Instant.now()));
        drop("orphan.xml", Envelopes.exampleRenumbered("K9999"));
        Instant claimed = Instant.now();

        node().getRouteController().startRoute(ROUTE);
        Thread.sleep(MAX_AGE.toMillis() / 2);
        assertThat(files("archive")).as("claimed by the other node a moment ago").isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> files("archive").size() == 1);
        assertThat(Duration.between(claimed, Instant.now())).isGreaterThanOrEqualTo(MAX_AGE.minusMillis(500));
        assertThat(taken.get("orphan.xml").get()).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isEqualTo(2);
    }

    private void drop(String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(folder("inbox"));
        Files.write(inbox.resolve(name), content);
        Files.write(inbox.resolve(name + ".done"), new byte[0]);
    }

    private Path folder(String name) {
        return home.resolve("finance").resolve(TestFinance.CODE).resolve(name);
    }

    private List<String> files(String name) throws IOException {
        if (!Files.isDirectory(folder(name))) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder(name))) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".done")).sorted().toList();
        }
    }
}
