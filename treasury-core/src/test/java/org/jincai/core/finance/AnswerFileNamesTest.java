package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.payment.Payment;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerFileNamesTest {

    @TempDir
    Path home;

    @Test
    void aKeyOfSafeCharactersKeepsItsReadableName() {
        assertThat(AnswerFileNames.receipt("420000", "2026", "5201", "T202600000002"))
                .isEqualTo("420000_2026_5201_T202600000002_receipt.xml");
    }

    @Test
    void anyKeyGivesOneSafeNameAndDifferentKeysNeverShareOne() {
        List<String> numbers = List.of("../../etc/pw1", "etcpw1", "etc/pw1", "T2026\"1", "T20261", "T2026'1",
                "张三001", "001", "0-0-1", "a\\b:c", " T1", "T1 ", "T1", "x".repeat(41), "x".repeat(40), "", "..");
        Set<String> names = new HashSet<>();
        for (String no : numbers) {
            String name = AnswerFileNames.receipt("420000", "2026", "5201", no);
            assertThat(BankFileNames.isSafeName(name)).as(no).isTrue();
            assertThat(name).as(no).matches("[A-Za-z0-9_.-]+");
            assertThat(names.add(name)).as("unique: " + no).isTrue();
        }
    }

    @Test
    void aVoucherWithAPathInItsNumberIsPaidAndItsReceiptWritten() throws Exception {
        // before: accepted and paid, then its receipt failed for ever with UNSAFE_FILE_NAME
        try (CoreFixture core = new CoreFixture(home)) {
            byte[] envelope = Envelopes.withVoucherNo(Envelopes.example(), "T202600000002", "../../etc/pw\"1");
            List<VoucherOutcome> outcomes = core.intake.receive(Envelopes.stream(envelope), "test", "finance-test");
            assertThat(outcomes.get(1).accepted()).isTrue();

            StagedFile pipe = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-PIPE"))
                    .findFirst().orElseThrow();
            core.deliveries.markUploaded("DEMO-PIPE", pipe.fileName(), "route");
            List<CreditStatus> paid = core.payments.findByDelivery(pipe.deliveryId()).stream().map(Payment::paymentId)
                    .map(id -> new CreditStatus(id, true, null, null)).toList();
            core.answers.apply("DEMO-PIPE", "ret".getBytes(), new BankAnswer("ret.txt", pipe.messageId(), paid), true,
                    "inbound");

            List<WrittenAnswer> written = core.receipts.settleAll();

            assertThat(written).singleElement().satisfies(w -> {
                assertThat(w.fileName()).startsWith("420000_2026_5201_etcpw1.").endsWith("_receipt.xml");
                Path file = home.resolve("finance").resolve(TestFinance.CODE).resolve(w.fileName());
                assertThat(new MofEnvelopeReader().read(new ByteArrayInputStream(Files.readAllBytes(file)), "receipt")
                        .bodies().get(0).voucherNo()).isEqualTo("../../etc/pw\"1");
            });
            assertThat(Files.exists(home.resolve("etc"))).isFalse();
        }
    }
}
