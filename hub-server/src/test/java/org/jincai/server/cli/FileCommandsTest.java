package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.Responders;
import org.jincai.core.testing.TestBanks;
import org.jincai.formats.fiscal.FiscalSignatures;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherSigner;
import org.jincai.formats.fiscal.sign.SignatureAlgorithm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code inspect} and {@code convert} on real files, through the command line as an operator runs them. */
class FileCommandsTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final JincaiCli cli = new JincaiCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    final ObjectMapper json = new ObjectMapper();

    private static Path demo(String name) throws Exception {
        return Path.of(FileCommandsTest.class.getResource("/demo/vouchers/" + name).toURI());
    }

    private JsonNode inspectJson(Path file, int expectedExit) throws Exception {
        out.reset();
        assertThat(cli.run("inspect", file.toString(), "--json")).isEqualTo(expectedExit);
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(printed.lines()).as("exactly one JSON object").hasSize(1);
        return json.readTree(printed);
    }

    @Test
    void aFiscalEnvelopeIsSummarisedWithItsInvalidVoucherReported() throws Exception {
        JsonNode i = inspectJson(demo("finance-420000-batch-02.xml"), 0);

        assertThat(i.get("format").asString()).isEqualTo("fiscal-voucher");
        assertThat(i.get("readable").asBoolean()).isTrue();
        assertThat(i.get("valid").asBoolean()).isFalse();
        assertThat(i.get("summary").get("vouchers").asInt()).isEqualTo(12);
        assertThat(i.get("summary").get("byVtCode").get("5201").asInt()).isEqualTo(9);
        assertThat(i.get("summary").get("byVtCode").get("8202").asInt()).isEqualTo(3);
        assertThat(i.get("errors").get(0).get("code").asString()).isEqualTo("PAY_AMT_MISMATCH");
        assertThat(i.get("errors").get(0).get("location").asString()).contains("HB2026112700023");
    }

    @Test
    void convertTurnsOneBanksVouchersIntoAValidPain001ThatInspectReadsBack() throws Exception {
        Path pain = dir.resolve("demo-pipe.xml");

        assertThat(cli.run("convert", demo("finance-420000-batch-01.xml").toString(), "--to", "pain.001.001.09",
                "--bank", "DEMO-PIPE", "-o", pain.toString())).isZero();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("converted 6 voucher(s), 15 credit(s)");
        assertThat(dir.resolve("demo-pipe.xml.part")).doesNotExist();
        JsonNode i = inspectJson(pain, 0);
        assertThat(i.get("format").asString()).isEqualTo("pain.001.001.09");
        assertThat(i.get("valid").asBoolean()).isTrue();
        assertThat(i.get("summary").get("transactions").asInt()).isEqualTo(15);
        assertThat(new BigDecimal(i.get("summary").get("controlSum").asString())).isEqualByComparingTo("362772.56");
        assertThat(Files.readString(pain)).contains("李堃").contains("<MmbId>999200000002</MmbId>");
    }

    @Test
    void aBankReturnFileIsRecognisedAsItsLayout() throws Exception {
        BankProfile pipe = TestBanks.pipe(22);
        PaymentFile file = new PaymentFile("P_001.txt", pipe.code(), "B1-001", LocalDate.of(2026, 11, 27),
                "9558800000000002", "湖北省财政厅零余额账户", pipe.primaryBankNumber(), List.of(
                new OutboundCredit("E1", new BigDecimal("100.00"), "王喆", "6222000011112222", null, null, "test"),
                new OutboundCredit("E2", new BigDecimal("50.50"), "李堃", "6222000011110000", null, null, "test")));
        ByteArrayOutputStream payment = new ByteArrayOutputStream();
        BankFormats.writer(pipe).write(file, payment);
        BankResponder.AnswerFile answer = Responders.forProfile(pipe, RejectionRule.accountEndingWith("0000"))
                .respond(file.fileName(), payment.toByteArray()).get(0);
        Path ret = Files.write(dir.resolve(answer.name()), answer.content());

        JsonNode i = inspectJson(ret, 0);

        assertThat(i.get("format").asString()).isEqualTo("pipe-gbk-return");
        assertThat(i.get("valid").asBoolean()).isTrue();
        assertThat(i.get("summary").get("transactions").asInt()).isEqualTo(2);
        assertThat(i.get("summary").get("rejected").asInt()).isEqualTo(1);
        assertThat(i.get("summary").get("totalAmount").asString()).isEqualTo("150.50");
    }

    @Test
    void aFileOfNoKnownFormatIsUnreadableWithACode() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just some notes\n");

        JsonNode i = inspectJson(text, 1);

        assertThat(i.get("readable").asBoolean()).isFalse();
        assertThat(i.get("errors").get(0).get("code").asString()).isEqualTo("FORMAT_UNKNOWN");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnErrorNotAStackTrace() throws Exception {
        Path nowhere = dir.resolve("missing-folder").resolve("out.xml");

        assertThat(cli.run("convert", demo("finance-420000-batch-01.xml").toString(), "--to", "pain.001.001.09",
                "-o", nowhere.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jincai: cannot write " + nowhere)
                .doesNotContain("\tat org.");
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void badUsageOfTheFileCommandsExitsTwo() {
        assertThat(cli.run("inspect")).isEqualTo(2);
        assertThat(cli.run("inspect", dir.resolve("missing.xml").toString())).isEqualTo(2);
        assertThat(cli.run("inspect", "a.xml", "--yaml")).isEqualTo(2);
        assertThat(cli.run("convert", "a.xml")).isEqualTo(2);
        assertThat(cli.run("convert", "a.xml", "--to", "pain.002.001.10")).isEqualTo(2);
        assertThat(cli.run("bench")).isEqualTo(2);
        assertThat(cli.run("bench", "formats", "--sizes", "ten")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void theReconcileBenchRefusesAFolderAnEarlierRunFilled() throws Exception {
        Path used = dir.resolve("bench");
        Files.createDirectories(used.resolve("db"));

        assertThat(cli.run("bench", "reconcile", "--entries", "10", "--dir", used.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dir " + used + " is not a new or empty folder")
                .doesNotContain("\tat org.");
        assertThat(used.resolve("statements")).doesNotExist();
        assertThat(out.size()).isZero();
    }

    private static X509CertificateAndKey selfSigned(String cn) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        return new X509CertificateAndKey(certificate, pair.getPrivate());
    }

    private record X509CertificateAndKey(X509Certificate certificate, PrivateKey key) {
        Path writePem(Path file) throws Exception {
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            return file;
        }
    }

    @Test
    void inspectVerifiesEverySignatureOverTheBase64TextAgainstTheGivenCertificate() throws Exception {
        X509CertificateAndKey finance = selfSigned("420000 finance (test)");
        X509CertificateAndKey other = selfSigned("somebody else (test)");
        Pkcs7VoucherSigner signer = new Pkcs7VoucherSigner(finance.key(), finance.certificate(), SignatureAlgorithm.SHA256_WITH_RSA);
        List<VoucherBody> bodies = new MofEnvelopeReader().read(Files.newInputStream(demo("finance-420000-batch-01.xml")), "demo")
                .bodies().stream().map(b -> FiscalSignatures.sign(b, "cz_dwfz", signer)).toList();
        Path signed = dir.resolve("signed.xml");
        Files.write(signed, new MofEnvelopeWriter().toBytes(bodies));
        Path trusted = finance.writePem(dir.resolve("finance.pem"));
        Path stranger = other.writePem(dir.resolve("other.pem"));

        out.reset();
        assertThat(cli.run("inspect", signed.toString(), "--json", "--verify", trusted.toString())).isZero();
        JsonNode ok = json.readTree(out.toString(StandardCharsets.UTF_8).strip());
        out.reset();
        assertThat(cli.run("inspect", signed.toString(), "--json", "--verify", stranger.toString())).isZero();
        JsonNode notTrusted = json.readTree(out.toString(StandardCharsets.UTF_8).strip());

        assertThat(ok.get("valid").asBoolean()).as("%s", ok.get("errors")).isTrue();
        assertThat(ok.get("summary").get("signatures").get("verified").asInt()).isEqualTo(bodies.size());
        assertThat(notTrusted.get("valid").asBoolean()).isFalse();
        assertThat(notTrusted.get("errors").get(0).get("code").asString()).isEqualTo("CERTIFICATE_UNKNOWN");
        assertThat(cli.run("inspect", signed.toString(), "--verify", dir.resolve("missing.pem").toString())).isEqualTo(2);
    }

    @Test
    void aBareInnerVoucherIsInspectedAndConverted() throws Exception {
        VoucherBody first = new MofEnvelopeReader().read(Files.newInputStream(demo("finance-420000-batch-01.xml")), "demo")
                .bodies().get(0);
        Path bare = Files.write(dir.resolve("voucher.xml"), first.voucherXml());
        Path pain = dir.resolve("bare.xml");

        JsonNode i = inspectJson(bare, 0);
        assertThat(cli.run("convert", bare.toString(), "--to", "pain.001.001.09", "-o", pain.toString())).isZero();

        assertThat(i.get("format").asString()).isEqualTo("fiscal-voucher");
        assertThat(i.get("summary").get("vouchers").asInt()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("converted 1 voucher(s)");
        assertThat(inspectJson(pain, 0).get("valid").asBoolean()).isTrue();
    }
}
