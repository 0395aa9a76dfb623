package org.jincai.bank.simulator.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.bank.iso.IsoBankFiles.stream;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.iso.IsoBankErrors;
import org.jincai.bank.iso.IsoBankFiles;
import org.jincai.bank.iso.Pain001FileWriter;
import org.jincai.bank.iso.Pain002AnswerReader;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.Pain002Reader;
import org.jincai.formats.iso20022.PaymentStatusReport;
import org.junit.jupiter.api.Test;

class IsoBankResponderTest {

    private final IsoBankResponder bank = new IsoBankResponder(TestProfiles.iso(), RejectionRule.accountEndingWith("0000"),
            IsoBankFiles.LATER);
    private final byte[] payroll = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).render(IsoBankFiles.payroll());

    @Test
    void namesTheAnswerAfterTheInboundFile() {
        assertThat(IsoBankResponder.answerFileName("DEMO-ISO_20250106_B0002_001.xml"))
                .isEqualTo("DEMO-ISO_20250106_B0002_001.pain002.xml");
        assertThat(IsoBankResponder.answerFileName("no-extension")).isEqualTo("no-extension.pain002.xml");
        assertThat(IsoBankResponder.answerFileName("a.b.xml")).isEqualTo("a.b.pain002.xml");
    }

    @Test
    void withoutRejectionsTheGroupIsAccepted() {
        IsoBankResponder generous = new IsoBankResponder(TestProfiles.iso(), RejectionRule.none(), IsoBankFiles.LATER);

        PaymentStatusReport report = report(generous.respond(IsoBankFiles.FILE_NAME, payroll).get(0));

        assertThat(report.groupStatus()).isEqualTo("ACCP");
        assertThat(report.transactions()).hasSize(5).allSatisfy(t -> assertThat(t.status()).isEqualTo("ACCP"));
    }

    @Test
    void whenEveryCreditIsRejectedTheGroupIsRejectedWithTheirReasons() {
        IsoBankResponder strict = new IsoBankResponder(TestProfiles.iso(),
                c -> Optional.of(new RejectionRule.Rejection("AC01", "账号错误")), IsoBankFiles.LATER);

        AnswerFile answer = strict.respond(IsoBankFiles.FILE_NAME, payroll).get(0);

        assertThat(report(answer).groupStatus()).isEqualTo("RJCT");
        assertThat(hubReads(answer).statuses()).hasSize(5)
                .allSatisfy(s -> assertThat(s).isEqualTo(new CreditStatus(s.endToEndId(), false, "AC01", "账号错误")));
    }

    @Test
    void anUnreadableFileIsRejectedWholeUnderItsOwnName() {
        AnswerFile answer = bank.respond("garbage.xml", new byte[] {(byte) 0xff, 0x0a, 0x7c}).get(0);

        assertThat(answer.name()).isEqualTo("garbage.pain002.xml");
        assertThat(new IsoXsdValidator().validate(answer.content(), "pain.002.001.10")).isEmpty();
        PaymentStatusReport report = report(answer);
        assertThat(report.originalMessageId()).isEqualTo("garbage");
        assertThat(report.groupStatus()).isEqualTo("RJCT");
        assertThat(report.groupReasonCode()).isEqualTo(IsoBankResponder.INVALID_FILE_FORMAT);
        assertThat(report.groupAdditionalInformation()).startsWith("ISO_NOT_READABLE");
        assertThat(report.transactions()).isEmpty();
        assertThatThrownBy(() -> hubReads(answer))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(IsoBankErrors.ANSWER_WITHOUT_TRANSACTIONS);
    }

    @Test
    void aFileWithADtdIsRejectedUnread() {
        String xxe = new String(payroll, StandardCharsets.UTF_8).replace("<Document",
                "<!DOCTYPE Document [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<Document");

        PaymentStatusReport report = report(bank.respond("xxe.xml", xxe.getBytes(StandardCharsets.UTF_8)).get(0));

        assertThat(report.groupReasonCode()).isEqualTo(IsoBankResponder.INVALID_FILE_FORMAT);
        assertThat(report.groupAdditionalInformation()).startsWith("DOCTYPE_NOT_ALLOWED");
    }

    @Test
    void aFileWhoseControlSumDisagreesIsRejectedCreditByCredit() {
        String total = IsoBankFiles.payroll().totalAmount().toPlainString();
        byte[] tampered = new String(payroll, StandardCharsets.UTF_8)
                .replaceFirst("<CtrlSum>" + total + "</CtrlSum>", "<CtrlSum>1.00</CtrlSum>").getBytes(StandardCharsets.UTF_8);

        AnswerFile answer = bank.respond(IsoBankFiles.FILE_NAME, tampered).get(0);

        PaymentStatusReport report = report(answer);
        assertThat(report.groupStatus()).isEqualTo("RJCT");
        assertThat(report.groupReasonCode()).isEqualTo("FF01");
        assertThat(report.groupAdditionalInformation()).startsWith("ISO_CTRL_SUM_MISMATCH");
        BankAnswer read = hubReads(answer);
        assertThat(read.originalReference()).isEqualTo(IsoBankFiles.MESSAGE_ID);
        assertThat(read.statuses()).hasSize(5).allSatisfy(s -> {
            assertThat(s.accepted()).isFalse();
            assertThat(s.reasonCode()).isEqualTo("FF01");
        });
    }

    @Test
    void aFileOfAnotherPain001VersionIsRejected() {
        byte[] v03 = new String(payroll, StandardCharsets.UTF_8)
                .replace("pain.001.001.09", "pain.001.001.03").getBytes(StandardCharsets.UTF_8);

        PaymentStatusReport report = report(bank.respond("v03.xml", v03).get(0));

        assertThat(report.groupReasonCode()).isEqualTo("FF01");
        assertThat(report.groupAdditionalInformation()).startsWith("ISO_UNSUPPORTED_MESSAGE");
        assertThat(report.originalMessageNameId()).isEqualTo("pain.001.001.03");
    }

    @Test
    void aSecondFileWithAProcessedMessageIdIsADuplicate() {
        bank.respond(IsoBankFiles.FILE_NAME, payroll);

        AnswerFile second = bank.respond("resent.xml", payroll).get(0);

        PaymentStatusReport report = report(second);
        assertThat(report.groupStatus()).isEqualTo("RJCT");
        assertThat(report.groupReasonCode()).isEqualTo(IsoBankResponder.DUPLICATE);
        assertThat(report.originalMessageId()).isEqualTo(IsoBankFiles.MESSAGE_ID);
        assertThat(report.transactions()).isEmpty();
        // the first copy may have been paid: the duplicate's rejection must not reach those payments
        assertThatThrownBy(() -> hubReads(second))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(IsoBankErrors.ANSWER_WITHOUT_TRANSACTIONS);
    }

    @Test
    void theSameFileNameAgainIsADuplicateAnsweredUnderASecondName() {
        AnswerFile first = bank.respond(IsoBankFiles.FILE_NAME, payroll).get(0);

        List<AnswerFile> again = bank.respond(IsoBankFiles.FILE_NAME, payroll);

        assertThat(again).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("DEMO-ISO_20250106_B0002_001-dup2.pain002.xml").isNotEqualTo(first.name());
            PaymentStatusReport report = report(a);
            assertThat(report.groupReasonCode()).isEqualTo(IsoBankResponder.DUPLICATE);
            assertThat(report.messageId()).isNotEqualTo(report(first).messageId());
        });
    }

    @Test
    void eachStatementOpensAtThePreviousClosingBalance() {
        IsoBankResponder generous = new IsoBankResponder(TestProfiles.iso(), RejectionRule.none(), IsoBankFiles.LATER);
        PaymentFile second = new PaymentFile("second.xml", "DEMO-ISO", "B0009-001", LocalDate.of(2025, 1, 7),
                TestProfiles.UNIT, TestProfiles.PAYER, IsoBankFiles.PAYER_BANK,
                List.of(IsoBankFiles.credit("E2E-0101", "100.00", "张三", "6222020200001111", null, null)));
        byte[] secondPain001 = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).render(second);

        String one = new String(generous.respond(IsoBankFiles.FILE_NAME, payroll).get(1).content(), StandardCharsets.UTF_8);
        String two = new String(generous.respond("second.xml", secondPain001).get(1).content(), StandardCharsets.UTF_8);

        // 1000000000.00 - 102234.56 (the whole payroll) = 999897765.44, then - 100.00
        assertThat(one).contains("<Amt Ccy=\"CNY\">999897765.44</Amt>", "<ElctrncSeqNb>1</ElctrncSeqNb>");
        assertThat(two).contains("<Amt Ccy=\"CNY\">999897765.44</Amt>", "<Amt Ccy=\"CNY\">999897665.44</Amt>",
                "<ElctrncSeqNb>2</ElctrncSeqNb>", "<Dt>2025-01-07</Dt>", "<EndToEndId>E2E-0101</EndToEndId>");
        assertThat(generous.statements().balance(TestProfiles.UNIT)).isEqualByComparingTo("999897665.44");
    }

    @Test
    void aRefusedFileIsNotBooked() {
        List<AnswerFile> answers = bank.respond("garbage.xml", "<Document/>".getBytes(StandardCharsets.UTF_8));
        assertThat(answers).hasSize(1);
        List<AnswerFile> allRejected = new IsoBankResponder(TestProfiles.iso(), c -> Optional.of(new RejectionRule.Rejection(
                "AC01", "x")), IsoBankFiles.LATER).respond(IsoBankFiles.FILE_NAME, payroll);
        assertThat(allRejected).hasSize(1);
    }

    @Test
    void aRefusedFileDoesNotCountAsProcessed() {
        bank.respond("bad.xml", "<Document/>".getBytes(StandardCharsets.UTF_8));
        String total = IsoBankFiles.payroll().totalAmount().toPlainString();
        bank.respond("tampered.xml", new String(payroll, StandardCharsets.UTF_8)
                .replaceFirst("<CtrlSum>" + total + "</CtrlSum>", "<CtrlSum>1.00</CtrlSum>").getBytes(StandardCharsets.UTF_8));

        assertThat(report(bank.respond(IsoBankFiles.FILE_NAME, payroll).get(0)).groupStatus()).isEqualTo("PART");
    }

    @Test
    void isDeterministic() {
        IsoBankResponder other = new IsoBankResponder(TestProfiles.iso(), RejectionRule.accountEndingWith("0000"),
                IsoBankFiles.LATER);

        assertThat(other.respond(IsoBankFiles.FILE_NAME, payroll).get(0).content())
                .isEqualTo(bank.respond(IsoBankFiles.FILE_NAME, payroll).get(0).content());
        assertThat(report(bank.respond("other-name.xml", "x".getBytes(StandardCharsets.UTF_8)).get(0)).messageId())
                .hasSize(35).startsWith("PSR");
    }

    private static PaymentStatusReport report(AnswerFile answer) {
        return new Pain002Reader().read(stream(answer.content()), answer.name());
    }

    private static BankAnswer hubReads(AnswerFile answer) {
        return new Pain002AnswerReader().read(answer.name(), stream(answer.content()));
    }
}
