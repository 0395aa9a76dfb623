package org.jincai.bank.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jincai.bank.iso.IsoBankFiles.resource;
import static org.jincai.bank.iso.IsoBankFiles.stream;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.Pain002V10Writer;
import org.jincai.formats.iso20022.PaymentStatusReport;
import org.jincai.formats.iso20022.TransactionStatus;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;

class Pain002AnswerReaderTest {

    private final Pain002AnswerReader reader = new Pain002AnswerReader();

    @Test
    void readsABanksTransactionRejections() {
        BankAnswer answer = reader.read("nordea.xml", stream(resource("nordea__pain_002_v3_txn_reject.xml")));

        assertThat(answer.originalReference()).isEqualTo("MSGID-950-TEST2-2807-01");
        assertThat(answer.statuses()).extracting(CreditStatus::endToEndId, CreditStatus::accepted, CreditStatus::reasonCode)
                .containsExactly(tuple("ENDTOENDID-950-TEST2-2807-02", false, "NARR"),
                        tuple("ENDTOENDID-950-TEST2-2807-01", false, "NARR"));
        assertThat(answer.statuses().get(0).reasonText())
                .isEqualTo("CAP Invalid code or combinations in CategoryPurpose or ServiceLevel");
    }

    @Test
    void readsABanksAcceptance() {
        BankAnswer answer = reader.read("gs.xml", stream(resource("gs__pain_002_v3_accepted.xml")));

        assertThat(answer.statuses()).containsExactly(new CreditStatus("GSDGFKfLURaHb", true, "NARR", null));
    }

    @Test
    void leavesOutStatusesThatAreNotFinal() {
        // a verification-of-payee answer (RVNM) says nothing yet about the payment itself
        BankAnswer answer = reader.read("atruvia.xml",
                stream(resource("atruvia__SendTransferVoPTest_VOP_REPORT_PARTIAL_MATCH_XML_PAYLOAD.xml")));

        assertThat(answer.originalReference()).isEqualTo("M1234567890");
        assertThat(answer.statuses()).isEmpty();
    }

    @Test
    void aWholeFileRejectionWithoutTransactionsGoesToAnOperator() {
        Pain002AnswerReader lenient = new Pain002AnswerReader(IsoReadOptions.strict().acceptingMissingNamespace());
        byte[] xml = resource("crossriver__pain_002_batch_rejected.xml");

        assertThatThrownBy(() -> lenient.read("crossriver.xml", stream(xml)))
                .isInstanceOf(BankFileException.class)
                .satisfies(e -> {
                    BankFileException b = (BankFileException) e;
                    assertThat(b.code()).isEqualTo(IsoBankErrors.ANSWER_WITHOUT_TRANSACTIONS);
                    assertThat(b.problem().location()).isEqualTo("file crossriver.xml");
                    assertThat(b.problem().message()).contains("NARR");
                });
        // the strict default does not read a document without a namespace at all
        assertThatThrownBy(() -> reader.read("crossriver.xml", stream(xml)))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE);
    }

    @Test
    void fallsBackToTheInstructionIdWhenTheEndToEndIdIsNotProvided() {
        BankAnswer answer = read(status("I-1", "NOTPROVIDED", "ACSC"), status("I-2", null, "PDNG"));

        assertThat(answer.statuses()).containsExactly(new CreditStatus("I-1", true, null, null));
    }

    @Test
    void refusesAnUnknownStatusAnUnmatchableOneAndATwiceAnsweredCredit() {
        assertThatThrownBy(() -> read(status("E-1", "E-1", "OKAY")))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(BankFileErrors.UNKNOWN_STATUS);
        assertThatThrownBy(() -> read(status(null, "NOTPROVIDED", "RJCT")))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(BankFileErrors.FIELD_MISSING);
        assertThatThrownBy(() -> read(status("E-1", "E-1", "ACCP"), status("E-1", "E-1", "RJCT")))
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(BankFileErrors.DUPLICATE_END_TO_END_ID);
    }

    @Test
    void aDtdIsRefused() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt/></Document>
                """;

        assertThatThrownBy(() -> reader.read("xxe.xml", stream(xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BankFileException.class)
                .extracting(e -> ((BankFileException) e).code()).isEqualTo(SecureXml.DOCTYPE_NOT_ALLOWED);
    }

    private static TransactionStatus status(String instructionId, String endToEndId, String status) {
        return new TransactionStatus("P-1", instructionId, endToEndId, status, null, null);
    }

    private BankAnswer read(TransactionStatus... statuses) {
        byte[] xml = new Pain002V10Writer().write(new PaymentStatusReport("S-1", IsoBankFiles.LATER.instant()
                .atOffset(ZoneOffset.ofHours(8)), "M-1", null, "PART", List.of(statuses)));
        return reader.read("answer.xml", stream(xml));
    }
}
