package org.jincai.bank.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jincai.bank.BankFormats;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full round trips over real SFTP on loopback for the three demo layouts, as the hub will make them:
 * render the payment file with the bank's writer, upload it as {@code .part} and rename it, poll the
 * outbox with a real SFTP client, read each answer with the bank's answer reader. The ISO bank answers
 * with a pain.002, then a camt.053 that books the accepted credits.
 */
class BankSimulatorRoundTripTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 6);

    @TempDir
    Path tmp;

    private BankSimulator simulator;

    /** A second ISO bank that books every credit as its own entry. */
    private static BankProfile isoWithoutBatchBooking() {
        BankProfile iso = TestProfiles.iso();
        return new BankProfile("DEMO-ISO2", "Demo ISO bank, single booking", List.of("104581000077"), iso.outboundFormat(),
                iso.answerFormat(), iso.charset(), iso.maxTransactionsPerFile(), iso.maxAmountPerFile(), false,
                iso.fileNamePattern(), TestProfiles.sftp("demo-iso2", "iso2-secret"), iso.transliteration(), iso.cutOffTime(),
                iso.statementFormat(), iso.answerSettles(), false);
    }

    @BeforeEach
    void start() throws IOException {
        simulator = BankSimulator.builder()
                .root(tmp.resolve("sim"))
                .banks(List.of(TestProfiles.pipe(), TestProfiles.fixed(), TestProfiles.iso(), isoWithoutBatchBooking()))
                .rule(RejectionRule.accountEndingWith("0000"))
                .build().start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void pipeBank() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-PIPE");
        try (HubClient hub = hub(bank)) {
            String name = send(hub, bank, "B0001");
            String ret = name.replace(".txt", ".ret.txt");
            BankAnswer answer = read(bank, ret, hub.awaitFile("outbox", ret));
            assertThat(answer.originalReference()).isEqualTo("B0001-001");
            assertThat(answer.statuses()).containsExactly(
                    new CreditStatus("E2E-0001", true, null, null),
                    new CreditStatus("E2E-0002", false, "AC04", "account closed"),
                    new CreditStatus("E2E-0003", true, null, null));
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).as("no statement from a bank whose return settles").containsExactly(ret);
            assertThat(simulator.receivedFiles("DEMO-PIPE")).containsExactly(name);
        }
    }

    @Test
    void fixedWidthBank() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-FIXED");
        try (HubClient hub = hub(bank)) {
            String name = send(hub, bank, "B0003");
            String ret = name.replace(".txt", ".ret.txt");
            byte[] bytes = hub.awaitFile("outbox", ret);
            assertThat(new String(bytes, TestProfiles.GBK).split("\r\n")[2])
                    .as("a fixed-width detail with its status, reason code and text")
                    .hasSize(230 - 5).endsWith("102581000013000000000700067FAC04    account closed" + " ".repeat(46));
            BankAnswer answer = read(bank, ret, bytes);
            assertThat(answer.originalReference()).isEqualTo("B0003-001");
            assertThat(answer.statuses()).extracting(CreditStatus::endToEndId, CreditStatus::accepted, CreditStatus::reasonCode)
                    .containsExactly(tuple("E2E-0001", true, null), tuple("E2E-0002", false, "AC04"), tuple("E2E-0003", true, null));
            assertThat(simulator.awaitIdle(HubClient.TIMEOUT)).isTrue();
            assertThat(hub.list("outbox")).containsExactly(ret);
        }
    }

    @Test
    void isoBankAnswersWithAPain002ThenBooksTheAcceptedCreditsOnACamt053() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-ISO");
        try (HubClient hub = hub(bank)) {
            String name = send(hub, bank, "B0002");
            String status = IsoBankResponderNames.status(name);
            BankAnswer answer = read(bank, status, hub.awaitFile("outbox", status));
            assertThat(answer.originalReference()).isEqualTo("B0002-001");
            assertThat(answer.statuses()).extracting(CreditStatus::endToEndId, CreditStatus::accepted)
                    .containsExactly(tuple("E2E-0001", true), tuple("E2E-0002", false), tuple("E2E-0003", true));
            // the hub takes the status report before the statement arrives, as a poller may
            hub.move("outbox/" + status, "archive/" + status);

            byte[] camt = hub.awaitFile("outbox", IsoBankResponderNames.statement(name));
            assertThat(new IsoXsdValidator().validate(camt, "camt.053.001.08")).isEmpty();
            AccountStatement9 stmt = statement(camt);
            assertThat(stmt.getNtry()).singleElement().satisfies(entry -> {
                assertThat(entry.getAmt().getValue()).isEqualByComparingTo("6345.00");
                assertThat(entry.getCdtDbtInd()).isEqualTo(CreditDebitCode.DBIT);
                assertThat(entry.getSts().getCd()).isEqualTo("BOOK");
                assertThat(entry.getAcctSvcrRef()).isNotBlank();
                assertThat(entry.getNtryDtls().get(0).getBtch().getMsgId()).isEqualTo("B0002-001");
                assertThat(entry.getNtryDtls().get(0).getTxDtls()).extracting(t -> t.getRefs().getEndToEndId())
                        .containsExactly("E2E-0001", "E2E-0003");
            });
            assertThat(balance(stmt, "OPBD")).isEqualByComparingTo("1000000000.00");
            assertThat(balance(stmt, "CLBD")).isEqualByComparingTo("999993655.00");
        }
        assertThat(simulator.answerFiles("DEMO-ISO")).extracting(n -> n.substring(n.indexOf('.')))
                .containsExactly(".pain002.xml", ".camt053.xml");
    }

    @Test
    void isoBankWithoutBatchBookingBooksEachCreditAsItsOwnEntry() throws Exception {
        BankProfile bank = simulator.clientProfile("DEMO-ISO2");
        try (HubClient hub = hub(bank)) {
            String first = send(hub, bank, "B0004");
            AccountStatement9 one = statement(hub.awaitFile("outbox", IsoBankResponderNames.statement(first)));
            assertThat(one.getNtry()).extracting(e -> e.getAmt().getValue(), ReportEntry10::getAcctSvcrRef,
                            e -> e.getNtryDtls().get(0).getTxDtls().get(0).getRefs().getEndToEndId())
                    .containsExactly(tuple(new BigDecimal("5000.00"), "BK202501060000010001", "E2E-0001"),
                            tuple(new BigDecimal("1345.00"), "BK202501060000010002", "E2E-0003"));
            assertThat(one.getNtry()).allSatisfy(e -> assertThat(e.getNtryDtls().get(0).getBtch()).isNull());

            String second = send(hub, bank, "B0005");
            AccountStatement9 two = statement(hub.awaitFile("outbox", IsoBankResponderNames.statement(second)));
            assertThat(balance(two, "OPBD")).as("opens where the first closed").isEqualByComparingTo(balance(one, "CLBD"));
            assertThat(balance(two, "CLBD")).isEqualByComparingTo("999987310.00");
            assertThat(two.getElctrncSeqNb()).isEqualByComparingTo("2");
            assertThat(two.getNtry()).extracting(ReportEntry10::getAcctSvcrRef)
                    .doesNotContainAnyElementsOf(one.getNtry().stream().map(ReportEntry10::getAcctSvcrRef).toList());
        }
    }

    /** Renders the demo credits in the bank's format and uploads them as the hub does; returns the file's name. */
    private static String send(HubClient hub, BankProfile bank, String batch) throws IOException {
        String name = BankFileNames.name(bank, batch, DAY, 1, 1);
        PaymentFile file = new PaymentFile(name, bank.code(), batch + "-001", DAY, TestProfiles.UNIT, TestProfiles.PAYER,
                bank.primaryBankNumber(), TestProfiles.demoCredits());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BankFormats.writer(bank).write(file, out);
        hub.upload("inbox", name, out.toByteArray());
        return name;
    }

    private static BankAnswer read(BankProfile bank, String name, byte[] bytes) {
        return BankFormats.answerReader(bank).read(name, new ByteArrayInputStream(bytes));
    }

    /** The statement as an independent reader (Prowide's model) sees it. */
    static AccountStatement9 statement(byte[] camt) {
        MxCamt05300108 mx = MxCamt05300108.parse(new String(camt, StandardCharsets.UTF_8));
        assertThat(mx).as("camt.053.001.08 readable by Prowide").isNotNull();
        return mx.getBkToCstmrStmt().getStmt().get(0);
    }

    static BigDecimal balance(AccountStatement9 stmt, String type) {
        CashBalance8 b = stmt.getBal().stream().filter(x -> type.equals(x.getTp().getCdOrPrtry().getCd())).findFirst()
                .orElseThrow();
        return b.getCdtDbtInd() == CreditDebitCode.DBIT ? b.getAmt().getValue().negate() : b.getAmt().getValue();
    }

    private HubClient hub(BankProfile bank) throws IOException {
        return HubClient.password(bank.sftp().port(), bank.sftp().user(), bank.sftp().password(),
                HubClient.knownHosts(tmp, bank.sftp().knownHosts()));
    }
}
