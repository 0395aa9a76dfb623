package org.jincai.bank.simulator.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.jincai.bank.iso.IsoBankFiles.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.iso.IsoBankFiles;
import org.jincai.bank.iso.Pain001FileWriter;
import org.jincai.bank.iso.Pain002AnswerReader;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.junit.jupiter.api.Test;

/**
 * The whole ISO path with real files: a payroll becomes a pain.001, the simulated bank answers it with
 * a pain.002 (accepted or refused) and then a camt.053 that books what it accepted, and the hub reads
 * back which credits the bank refused.
 */
class IsoBankRoundTripTest {

    private final IsoXsdValidator xsd = new IsoXsdValidator();

    @Test
    void theBankRejectsClosedAccountsAndAcceptsTheRest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).write(IsoBankFiles.payroll(), out);
        byte[] pain001 = out.toByteArray();

        assertThat(xsd.validate(pain001, "pain.001.001.09")).isEmpty();
        String xml = new String(pain001, StandardCharsets.UTF_8);
        // names GBK cannot encode travel intact, as characters, in UTF-8
        assertThat(TestProfiles.GBK.newEncoder().canEncode("王𠀀芳")).isFalse();
        assertThat(xml).contains("<Nm>王𠀀芳</Nm>", "<Nm>欧阳·娜娜</Nm>", "<Nm>䶮岩</Nm>", "<Nm>龔麗珍</Nm>")
                .doesNotContain("&#");

        List<AnswerFile> answers = new IsoBankResponder(TestProfiles.iso(), RejectionRule.accountEndingWith("0000"),
                IsoBankFiles.LATER).respond(IsoBankFiles.FILE_NAME, pain001);

        assertThat(answers).extracting(AnswerFile::name)
                .containsExactly("DEMO-ISO_20250106_B0002_001.pain002.xml", "DEMO-ISO_20250106_B0002_001.camt053.xml");
        assertThat(xsd.validate(answers.get(0).content(), "pain.002.001.10")).isEmpty();
        assertThat(new String(answers.get(0).content(), StandardCharsets.UTF_8)).contains("<GrpSts>PART</GrpSts>");
        assertThat(xsd.validate(answers.get(1).content(), "camt.053.001.08")).isEmpty();

        BankAnswer answer = new Pain002AnswerReader(TestProfiles.iso())
                .read(answers.get(0).name(), stream(answers.get(0).content()));

        assertThat(answer.fileName()).isEqualTo("DEMO-ISO_20250106_B0002_001.pain002.xml");
        assertThat(answer.originalReference()).isEqualTo(IsoBankFiles.MESSAGE_ID);
        assertThat(answer.statuses())
                .extracting(CreditStatus::endToEndId, CreditStatus::accepted, CreditStatus::reasonCode, CreditStatus::reasonText)
                .containsExactly(
                        tuple("E2E-0001", true, null, null),
                        tuple("E2E-0002", false, "AC04", "account closed"),
                        tuple("E2E-0003", true, null, null),
                        tuple("E2E-0004", true, null, null),
                        tuple("E2E-0005", false, "AC04", "account closed"));
    }

    @Test
    void theFilesMatchTheirGoldenCopies() {
        byte[] pain001 = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).render(IsoBankFiles.payroll());
        IsoBankFiles.assertXmlSimilar(pain001, IsoBankFiles.resource("DEMO-ISO_20250106_B0002_001.xml"));

        AnswerFile answer = new IsoBankResponder(TestProfiles.iso(), RejectionRule.accountEndingWith("0000"),
                IsoBankFiles.LATER).respond(IsoBankFiles.FILE_NAME, pain001).get(0);
        IsoBankFiles.assertXmlSimilar(answer.content(), IsoBankFiles.resource("DEMO-ISO_20250106_B0002_001.pain002.xml"));
    }

    @Test
    void theStatementBooksTheAcceptedCreditsAsOneBatchEntry() {
        byte[] pain001 = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).render(IsoBankFiles.payroll());
        AnswerFile statement = new IsoBankResponder(TestProfiles.iso(), RejectionRule.accountEndingWith("0000"),
                IsoBankFiles.LATER).respond(IsoBankFiles.FILE_NAME, pain001).get(1);
        assertThat(xsd.validate(statement.content(), "camt.053.001.08")).isEmpty();
        IsoBankFiles.assertXmlSimilar(statement.content(), IsoBankFiles.resource("camt.053.001.08-batch-booking.xml"));
    }

    @Test
    void withoutBatchBookingEachAcceptedCreditIsAnEntry() {
        byte[] pain001 = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).render(IsoBankFiles.payroll());
        AnswerFile statement = new IsoBankResponder(TestProfiles.iso().withBatchBooking(false),
                RejectionRule.accountEndingWith("0000"), IsoBankFiles.LATER).respond(IsoBankFiles.FILE_NAME, pain001).get(1);
        assertThat(xsd.validate(statement.content(), "camt.053.001.08")).isEmpty();
        IsoBankFiles.assertXmlSimilar(statement.content(), IsoBankFiles.resource("camt.053.001.08-single-booking.xml"));
    }
}
