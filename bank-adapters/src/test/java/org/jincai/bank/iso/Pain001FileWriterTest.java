package org.jincai.bank.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.bank.iso.IsoBankFiles.credit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.formats.iso20022.CreditTransferInitiation;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.Pain001Reader;
import org.jincai.formats.iso20022.PaymentInstruction;
import org.junit.jupiter.api.Test;

class Pain001FileWriterTest {

    private final Pain001FileWriter writer = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING);

    @Test
    void mapsThePaymentFileToOneBlockDebitingThePayer() {
        CreditTransferInitiation m = writer.toInitiation(IsoBankFiles.payroll());

        assertThat(m.messageId()).isEqualTo("B0002-001");
        assertThat(m.creationDateTime()).hasToString("2025-01-06T10:00+08:00");
        assertThat(m.initiatingPartyName()).isEqualTo(TestProfiles.PAYER);
        assertThat(m.numberOfTransactions()).isEqualTo(5);
        assertThat(m.controlSum()).isEqualByComparingTo(IsoBankFiles.payroll().totalAmount());
        PaymentInstruction p = m.paymentInstructions().get(0);
        assertThat(m.paymentInstructions()).hasSize(1);
        assertThat(p.paymentInformationId()).isEqualTo("B0002-001");
        assertThat(p.batchBooking()).isTrue();
        assertThat(p.requestedExecutionDate()).hasToString("2025-01-06");
        assertThat(p.debtorAccount()).isEqualTo(TestProfiles.UNIT);
        assertThat(p.debtorName()).isEqualTo(TestProfiles.PAYER);
        assertThat(p.debtorAgentMemberId()).isEqualTo(IsoBankFiles.PAYER_BANK);
        CreditTransferTransaction t = p.transactions().get(1);
        assertThat(t.instructionId()).isEqualTo("E2E-0002");
        assertThat(t.endToEndId()).isEqualTo("E2E-0002");
        assertThat(t.currency()).isEqualTo("CNY");
        assertThat(t.creditorAgentMemberId()).isEqualTo("102581000013");
        assertThat(t.creditorAgentName()).isEqualTo("中国工商银行广州分行");
        assertThat(t.remittanceInformation()).isEqualTo("2025年1月工资");
    }

    @Test
    void batchBookingFollowsTheProfile() {
        BankProfile iso = TestProfiles.iso();
        BankProfile single = new BankProfile(iso.code(), iso.name(), iso.agentBankNumbers(), iso.outboundFormat(),
                iso.answerFormat(), iso.charset(), iso.maxTransactionsPerFile(), iso.maxAmountPerFile(), false,
                iso.fileNamePattern(), iso.sftp(), iso.transliteration(), iso.cutOffTime(), iso.statementFormat(),
                iso.answerSettles(), false);

        byte[] xml = new Pain001FileWriter(single, IsoBankFiles.MORNING).render(IsoBankFiles.payroll());

        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<BtchBookg>false</BtchBookg>");
    }

    @Test
    void aFileTheXsdWouldRefuseIsNeverWritten() {
        PaymentFile tooLongId = new PaymentFile("x.xml", "DEMO-ISO", "B".repeat(36), IsoBankFiles.payroll().executionDate(),
                TestProfiles.UNIT, TestProfiles.PAYER, IsoBankFiles.PAYER_BANK, IsoBankFiles.credits());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> writer.write(tooLongId, out))
                .isInstanceOf(BankFileException.class)
                .satisfies(e -> {
                    BankFileException b = (BankFileException) e;
                    assertThat(b.code()).isEqualTo(IsoProblemCodes.ISO_FIELD_TOO_LONG);
                    assertThat(b.problem().location()).endsWith("GrpHdr/MsgId");
                });
        assertThat(out.size()).isZero();
    }

    @Test
    void aBankNumberThatIsNotCnapsIsRefusedBeforeWriting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<OutboundCredit> credits = new ArrayList<>(IsoBankFiles.credits());
        credits.set(0, credit("E2E-0001", "1.00", "张三", "6222020200001111", "10458100001", null));

        assertThatThrownBy(() -> writer.write(IsoBankFiles.payroll(credits), out))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(IsoProblemCodes.ISO_BANK_NUMBER_INVALID);
        assertThat(out.size()).isZero();
    }

    @Test
    void refusesWhatNoBankFileMayCarry() {
        assertCode(IsoBankFiles.payroll(List.of()), BankFileErrors.EMPTY_FILE);
        assertCode(IsoBankFiles.payroll(List.of(credit("E2E-1", "1.005", "张三", "6222", null, null))),
                BankFileErrors.AMOUNT_INVALID);
        assertCode(IsoBankFiles.payroll(List.of(credit("E2E-1", "-1.00", "张三", "6222", null, null))),
                BankFileErrors.AMOUNT_INVALID);
        assertCode(IsoBankFiles.payroll(List.of(credit("E2E-1", "1.00", "张三", "6222", null, null),
                credit("E2E-1", "2.00", "李四", "6223", null, null))), BankFileErrors.DUPLICATE_END_TO_END_ID);
        assertCode(IsoBankFiles.payroll(List.of(credit("E2E-1", "1.00", "张三", " ", null, null))),
                BankFileErrors.FIELD_MISSING);
    }

    /** Regression: the file used to be rendered into one byte array, validated, then written in one call. */
    @Test
    void aLargeFileReachesItsDestinationInPiecesAsItIsProduced() {
        List<OutboundCredit> credits = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            credits.add(credit(String.format("E2E-%06d", i), "1234.56", "张三", "6222020200" + (100000 + i), "102581000013",
                    "中国工商银行广州分行"));
        }
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        OutputStream destination = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                kept.write(b, off, len);
            }
        };

        writer.write(IsoBankFiles.payroll(credits), destination);

        assertThat(kept.size()).isGreaterThan(10_000_000);
        assertThat(writes).hasSizeGreaterThan(100).allMatch(n -> n <= 1 << 16);
        CreditTransferInitiation read = new Pain001Reader().read(new ByteArrayInputStream(kept.toByteArray()), "big.xml");
        assertThat(read.numberOfTransactions()).isEqualTo(20_000);
        assertThat(read.controlSum()).isEqualByComparingTo("24691200.00");
    }

    private void assertCode(PaymentFile file, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> writer.write(file, out))
                .isInstanceOf(BankFileException.class)
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(code);
        assertThat(out.size()).isZero();
    }

    @Test
    void underThePinyinPolicyEveryTextOfTheMessageIsAsciiAndTheFileStillValidates() {
        Pain001FileWriter pinyin = new Pain001FileWriter(
                TestProfiles.iso().withTransliteration(org.jincai.bank.profile.TransliterationPolicy.PINYIN),
                IsoBankFiles.MORNING);

        String xml = new String(pinyin.render(IsoBankFiles.payroll()), StandardCharsets.UTF_8);

        assertThat(xml.chars().filter(c -> c > 0x7E).count()).as("non-ASCII characters").isZero();
        assertThat(xml).contains("<Nm>Guang Zhou Shi Cai Zheng Ju Guo Ku Zhi Fu Zhong Xin</Nm>")
                .contains("<Ustrd>2025 Nian 1 Yue Gong Zi</Ustrd>");
        assertThat(new String(writer.render(IsoBankFiles.payroll()), StandardCharsets.UTF_8))
                .as("the same file under REFUSE keeps its Chinese").contains(TestProfiles.PAYER);
    }
}
