package org.jincai.server.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.awaitility.Awaitility;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.routes.RouteIds;
import org.jincai.server.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A finance system reached over SFTP (the hub is the client, key login, host key checked strictly): its
 * envelopes are taken from its inbox once, refused vouchers are returned, an unreadable file goes to its
 * error folder with a reason file, and receipts reach its outbox once the banks have settled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("simulator")
class FinanceSftpInboxTest {

    static final String USER = "beijing-fin";
    static final Path HOME = HubTestSupport.newHome("finance-sftp");
    static final Path SERVER_ROOT = HOME.resolve("beijing-finance-server");
    static final TestDatabase DB = TestDatabase.create();
    static final KeyPair CLIENT_KEY = rsa();
    static final SshServer SERVER = start();

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SshServer start() {
        try {
            for (String folder : List.of("inbox", "outbox", "archive", "error")) {
                Files.createDirectories(SERVER_ROOT.resolve(folder));
            }
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(HOME.resolve("finance-host-key.ser")));
            sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                    && KeyUtils.compareKeys(CLIENT_KEY.getPublic(), key));
            sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(SERVER_ROOT));
            sshd.start();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        HubTestSupport.register(registry, HOME, DB);
        Path key = HOME.resolve("finance-client-key");
        try (OutputStream out = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(CLIENT_KEY, "hub", null, out);
        }
        PublicKey hostKey = SERVER.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
        String p = "jincai.finance-systems[0].";
        registry.add(p + "code", () -> "BEIJING-FIN");
        registry.add(p + "name", () -> "北京市财政局");
        registry.add(p + "adm-div-codes[0]", () -> "110000");
        registry.add(p + "sftp.host", () -> "127.0.0.1");
        registry.add(p + "sftp.port", SERVER::getPort);
        registry.add(p + "sftp.user", () -> USER);
        registry.add(p + "sftp.private-key-file", key::toString);
        registry.add(p + "sftp.known-hosts", () -> "[127.0.0.1]:" + SERVER.getPort() + " " + PublicKeyEntry.toString(hostKey));
        registry.add(p + "sftp.inbox", () -> "inbox");
        registry.add(p + "sftp.outbox", () -> "outbox");
        registry.add(p + "sftp.archive", () -> "archive");
        registry.add(p + "sftp.error", () -> "error");
        registry.add(p + "sftp.poll-interval", () -> "300ms");
        registry.add(p + "inbox-ready.stable-for", () -> "1s");
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.stop();
        DB.close();
    }

    @Autowired
    ProducerTemplate producer;

    private static void drop(String name, byte[] content) throws IOException {
        Path part = SERVER_ROOT.resolve("inbox").resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, SERVER_ROOT.resolve("inbox").resolve(name));
    }

    /** The files of a server folder, by name; an upload still under its temporary {@code .part} name is not one yet. */
    private static List<String> files(String folder) throws IOException {
        try (Stream<Path> list = Files.list(SERVER_ROOT.resolve(folder))) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".part")).sorted().toList();
        }
    }

    private static String reason(String prefix) throws IOException {
        String name = files("error").stream().filter(n -> n.startsWith(prefix) && n.endsWith(".reason.txt")).findFirst()
                .orElseThrow();
        return Files.readString(SERVER_ROOT.resolve("error").resolve(name));
    }

    @Test
    void envelopesAreTakenOnceFromTheSftpInboxAndReceiptsReachItsOutbox() throws Exception {
        drop("bj-1.xml", Envelopes.exampleFor("110000", "BJ001"));
        drop("broken.xml", "<MOF><VoucherCount>1</VoucherCount>".getBytes(StandardCharsets.UTF_8));
        drop("empty.xml", new byte[0]);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> files("inbox").isEmpty());
        assertThat(files("archive")).singleElement().asString().matches("bj-1_\\d{8}T\\d{9}Z_[0-9a-f]{12}\\.xml");
        assertThat(files("error")).hasSize(4);
        assertThat(reason("broken_")).contains("code: XML_NOT_WELL_FORMED");
        assertThat(reason("empty_")).as("an empty file is refused, not left in the inbox").contains("code: FILE_EMPTY");
        assertThat(DB.count("SELECT COUNT(*) FROM voucher WHERE finance_system = 'BEIJING-FIN'")).isEqualTo(3);

        producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null, RouteIds.HEADER_ACTOR, "test");

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> files("outbox").size() == 3);
        assertThat(files("outbox")).containsExactly("110000_2026_5201_BJ00100000002_receipt.xml",
                "110000_2026_5201_BJ00100000003_receipt.xml", "110000_2026_8202_BJ00100000001_receipt.xml");

        drop("bj-1.xml", Envelopes.exampleFor("110000", "BJ001"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> files("inbox").isEmpty());
        assertThat(DB.count("SELECT COUNT(*) FROM intake_file WHERE file_name = 'bj-1.xml'")).isEqualTo(1);
        assertThat(DB.count("SELECT COUNT(*) FROM voucher_refusal")).as("the same file is not taken twice").isZero();
        assertThat(files("archive")).as("the second copy is kept beside the first, not over it").hasSize(2);

        // the same vouchers under another name: a duplicate notice each, never a return, then no second receipt
        drop("bj-1-again.xml", Envelopes.exampleFor("110000", "BJ001"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> files("outbox").size() == 6);
        assertThat(files("outbox")).filteredOn(n -> n.contains("_duplicate_")).hasSize(3);
        assertThat(files("outbox")).filteredOn(n -> n.contains("_return")).isEmpty();
    }
}
