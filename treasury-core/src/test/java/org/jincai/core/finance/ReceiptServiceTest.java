package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.answer.AnswerResult;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.release.StagedFile;
import org.jincai.core.release.StagingArea;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.VoucherDetail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptServiceTest {

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    /** Releases and uploads the DEMO-PIPE file (voucher T202600000002) and applies a return rejecting line {@code reject}. */
    private AnswerResult pipeAnswered(int... reject) {
        return pipeAnswered("账户已销户", reject);
    }

    private AnswerResult pipeAnswered(String reasonText, int... reject) {
        StagedFile pipe = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-PIPE"))
                .findFirst().orElseThrow();
        core.deliveries.markUploaded("DEMO-PIPE", pipe.fileName(), "route");
        List<Payment> sent = core.payments.findByDelivery(pipe.deliveryId());
        List<CreditStatus> statuses = sent.stream().map(p -> contains(reject, sent.indexOf(p))
                ? new CreditStatus(p.paymentId(), false, "AC04", reasonText)
                : new CreditStatus(p.paymentId(), true, null, null)).toList();
        return core.answers.apply("DEMO-PIPE", ("ret" + reject.length).getBytes(),
                new BankAnswer("ret.txt", pipe.messageId(), statuses), true, "inbound");
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static VoucherBody onlyBody(byte[] envelope) {
        List<VoucherBody> bodies = new MofEnvelopeReader().read(new ByteArrayInputStream(envelope), "answer").bodies();
        assertThat(bodies).hasSize(1);
        return bodies.get(0);
    }

    @Test
    void aSettledVoucherGetsAReceiptWithTheBanksFieldsAndAFailedLineAtZero() throws Exception {
        AnswerResult answered = pipeAnswered(2);
        assertThat(core.payments.findByStatus(PaymentStatus.PAID)).hasSize(3);

        List<WrittenAnswer> written = core.receipts.settle(answered.voucherIds());

        assertThat(written).singleElement().satisfies(w -> {
            assertThat(w.voucherNo()).isEqualTo("T202600000002");
            assertThat(w.voucherFlag()).isEqualTo(VoucherBody.FLAG_RECEIPT);
            assertThat(w.financeSystem()).isEqualTo(TestFinance.CODE);
            assertThat(w.paidAmount()).isLessThan(new BigDecimal("87169.74")).isPositive();
        });
        Path staged = home.resolve("finance").resolve(TestFinance.CODE).resolve(written.get(0).fileName());
        VoucherBody body = onlyBody(Files.readAllBytes(staged));
        assertThat(body.voucherFlag()).isEqualTo(VoucherBody.FLAG_RECEIPT);
        PaymentVoucher receipt = new PaymentVoucherReader().read(body).voucher();
        List<VoucherDetail> lines = receipt.details();
        BigDecimal failedAmount = lines.get(2).payAmt();
        assertThat(receipt.xPayAmt()).isEqualByComparingTo(new BigDecimal("87169.74").subtract(failedAmount));
        assertThat(receipt.xPayDate()).isNotNull();
        assertThat(receipt.xAgentBusinessNo()).isNotBlank();
        assertThat(lines.get(2).xPayAmt()).isEqualByComparingTo("0.00");
        assertThat(lines.get(2).xAddWord()).contains("AC04").contains("账户已销户");
        assertThat(lines.get(0).xPayAmt()).isEqualByComparingTo(lines.get(0).payAmt());
        assertThat(lines.get(0).xPayeeAcctNo()).isEqualTo(lines.get(0).payeeAcctNo());

        assertThat(core.payments.findByStatus(PaymentStatus.RECEIPTED)).hasSize(4);
        assertThat(core.receipts.settle(answered.voucherIds())).as("answered once").isEmpty();
        assertThat(core.receipts.answerFor("420000", "2026", "5201", "T202600000002")).get()
                .isEqualTo(Files.readAllBytes(staged));
    }

    @Test
    void aVoucherWhosePaymentsAllFailedIsReturnedWithTheReasons() {
        AnswerResult answered = pipeAnswered(0, 1, 2, 3);

        List<WrittenAnswer> written = core.receipts.settle(answered.voucherIds());

        assertThat(written).singleElement().extracting(WrittenAnswer::voucherFlag).isEqualTo(VoucherBody.FLAG_RETURN);
        VoucherBody body = onlyBody(core.receipts.answerFor("420000", "2026", "5201", "T202600000002").orElseThrow());
        assertThat(body.voucherFlag()).isEqualTo(VoucherBody.FLAG_RETURN);
        assertThat(body.returnReason()).contains("AC04");
        assertThat(core.payments.findByStatus(PaymentStatus.RECEIPTED)).hasSize(4)
                .allSatisfy(p -> assertThat(core.lifecycle.history(p.paymentId())).extracting(e -> e.to())
                        .contains(PaymentStatus.REJECTED, PaymentStatus.FAILED, PaymentStatus.RECEIPTED));
    }

    @Test
    void aBankReasonGbkCannotCarryStillGetsTheReturnOutWithTheCharacterNamed() {
        AnswerResult answered = pipeAnswered("户名不符 \uD83D\uDE00", 0, 1, 2, 3);

        assertThat(core.receipts.settle(answered.voucherIds())).hasSize(1);
        VoucherBody body = onlyBody(core.receipts.answerFor("420000", "2026", "5201", "T202600000002").orElseThrow());
        assertThat(body.returnReason()).contains("户名不符 [U+1F600]");
    }

    @Test
    void aVoucherStillWaitingForItsBankIsNotAnswered() {
        StagedFile iso = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-ISO"))
                .findFirst().orElseThrow();
        core.deliveries.markUploaded("DEMO-ISO", iso.fileName(), "route");
        List<CreditStatus> accepted = core.payments.findByDelivery(iso.deliveryId()).stream()
                .map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList();
        AnswerResult result = core.answers.apply("DEMO-ISO", "p2".getBytes(),
                new BankAnswer("a.xml", iso.messageId(), accepted), false, "inbound");

        assertThat(core.receipts.settle(result.voucherIds())).as("accepted is not yet paid").isEmpty();
        assertThat(core.receipts.settleAll()).isEmpty();
    }

    @Test
    void settleAllAnswersWhatACrashLeftUnanswered() {
        pipeAnswered(1);

        assertThat(core.receipts.settleAll()).extracting(WrittenAnswer::voucherNo).containsExactly("T202600000002");
        assertThat(core.receipts.settleAll()).isEmpty();
    }

    @Test
    void aPartLeftBetweenTheRecordAndTheRenameIsPublishedAtStartWhateverItsKindOneNotRecordedIsLeft() throws Exception {
        List<WrittenAnswer> written = core.paidAndAnswered();
        InboxResult again = core.inbox.take(TestFinance.hubei(), "batch-again.xml", Envelopes.example());
        String notice = again.duplicateNotices().get(0);
        String returned = core.returnedUpstream(core.payments.findByVoucher(written.get(0).voucherId()).get(0)
                .paymentId()).fileName();
        Path folder = core.financeStaging.folder(TestFinance.CODE);
        List<String> recorded = List.of(written.get(0).fileName(), notice, returned);
        for (String name : recorded) {
            // a crash after the row was recorded and before the rename
            Files.move(folder.resolve(name), folder.resolve(name + StagingArea.PART));
        }
        Path unknown = core.financeStaging.writePart(TestFinance.CODE, "420000_2026_5201_T9_receipt.xml",
                "<MOF/>".getBytes());

        assertThat(core.receipts.publishRecorded()).isEqualTo(recorded.size());

        for (String name : recorded) {
            assertThat(folder.resolve(name)).as(name + " published").exists();
            assertThat(folder.resolve(name + StagingArea.PART)).doesNotExist();
        }
        assertThat(unknown).as("not recorded: left to be written again").exists();
    }
}
