package org.jincai.routes.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.TestFinance;
import org.jincai.routes.InboxClaims;
import org.jincai.routes.bank.SftpUris;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance outbox route: receipts and returns staged for a finance system reach its outbox under their final
 * names, whole, and leave the staging folder; a name already in the outbox is never overwritten.
 */
class FinanceOutboxRouteTest {

    @TempDir
    Path home;
    CoreFixture core;
    DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture(home.resolve("staging"));
        camel = new DefaultCamelContext();
        camel.addRoutes(new FinanceSystemRoutes(new FinanceDirectory(List.of(TestFinance.hubei())), core.inbox,
                core.financeStaging, new SftpUris(home.resolve("sftp")), InboxClaims.local(), home,
                new StableFileFilterTest.HandClock()));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        core.close();
    }

    private Path outbox() {
        return home.resolve("finance").resolve(TestFinance.CODE).resolve("outbox");
    }

    @Test
    void aStagedReceiptReachesTheOutboxWholeUnderItsName() throws Exception {
        byte[] receipt = "<MOF>receipt</MOF>".getBytes();
        core.financeStaging.stage(TestFinance.CODE, "420000_2026_5201_T1_receipt.xml", receipt);

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(outbox().resolve("420000_2026_5201_T1_receipt.xml")));

        assertThat(Files.readAllBytes(outbox().resolve("420000_2026_5201_T1_receipt.xml"))).isEqualTo(receipt);
        assertThat(Files.exists(outbox().resolve("420000_2026_5201_T1_receipt.xml.part"))).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> !Files.exists(core.financeStaging.folder(TestFinance.CODE)
                        .resolve("420000_2026_5201_T1_receipt.xml")));
    }

    @Test
    void aFileAlreadyInTheOutboxIsNotOverwritten() throws Exception {
        Files.createDirectories(outbox());
        Files.writeString(outbox().resolve("420000_2026_5201_T2_receipt.xml"), "the finance system's copy");
        core.financeStaging.stage(TestFinance.CODE, "420000_2026_5201_T2_receipt.xml", "<MOF>again</MOF>".getBytes());

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(core.financeStaging
                .folder(TestFinance.CODE).resolve("420000_2026_5201_T2_receipt.xml")));

        assertThat(Files.readString(outbox().resolve("420000_2026_5201_T2_receipt.xml"))).isEqualTo("the finance system's copy");
    }
}
