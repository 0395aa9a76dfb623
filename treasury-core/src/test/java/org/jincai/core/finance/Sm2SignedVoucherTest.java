package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.core.testing.ControlVouchers.line;
import static org.jincai.core.testing.ControlVouchers.voucher;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.TreasuryException;
import org.jincai.core.answer.AnswerResult;
import org.jincai.core.payment.Payment;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Sm2Keys;
import org.jincai.core.testing.TestBanks;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.fiscal.FiscalSignatures;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.sign.SignaturePolicy;
import org.jincai.formats.fiscal.sign.Sm2VoucherSigner;
import org.jincai.formats.fiscal.sign.Sm2VoucherVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finance system whose signature policy is SM2 with SM3 (国密), on a real database: its SM2-signed voucher is taken;
 * one altered after signing (SIGNATURE_INVALID), one unsigned (SIGNATURE_MISSING) and one signed by a certificate it
 * does not configure (CERTIFICATE_UNKNOWN) are refused with nothing stored; the receipt the hub sends back carries
 * the hub's own SM2 signature, which verifies with the hub's certificate; and the policy without the hub's key stops
 * the start. Keys and certificates are made in the test.
 */
class Sm2SignedVoucherTest {

    @TempDir
    Path home;
    CoreFixture core;
    Sm2Keys.Sm2Signer finance;
    Sm2Keys.Sm2Signer hub;
    FinanceDirectory directory;
    VoucherIntakeService intake;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
        finance = Sm2Keys.create(home, "hubei-fin", "湖北省财政厅 签名");
        hub = Sm2Keys.create(home, "hub", "Jincai hub");
        directory = new FinanceDirectory(List.of(system(hub.keyFile())));
        intake = new VoucherIntakeService(core.db.jdbc(), core.db.tx(), core.payments, core.lifecycle, core.banks, directory,
                core.controls, core.clock);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private FinanceSystem system(Path hubKey) {
        return new FinanceSystem(TestFinance.CODE, "湖北省财政厅", List.of("420000"), "finance/" + TestFinance.CODE, null,
                new VoucherReading(null, null, false, null, finance.certificateFile(), null, false, SignaturePolicy.SM2_SM3,
                        hubKey, hub.certificateFile()));
    }

    private static PaymentVoucher payment(String voucherNo, String amount) {
        return voucher(voucherNo, line("6222000000000301", "王五", amount)).payBankCode(TestBanks.PIPE_BANK_NO).build();
    }

    private static VoucherBody body(PaymentVoucher v) {
        return VoucherBody.of(v, VoucherBody.FLAG_ORIGINAL, null);
    }

    private VoucherOutcome receive(VoucherBody b) {
        byte[] envelope = new MofEnvelopeWriter().toBytes(List.of(b.withIndex(1)));
        return intake.receive(EnvelopeSource.of(envelope), "rest", "finance").get(0);
    }

    private int stored(String voucherNo) {
        return core.db.jdbc().queryForObject("SELECT COUNT(*) FROM voucher WHERE voucher_no = :no", Map.of("no", voucherNo),
                Integer.class);
    }

    @Test
    void anSm2SignedVoucherIsTakenAndATamperedUnsignedOrStrangerSignedOneIsRefusedWithNothingStored() {
        Sm2VoucherSigner signer = new Sm2VoucherSigner(finance.key(), finance.certificate());
        VoucherOutcome accepted = receive(FiscalSignatures.sign(body(payment("SM2026000001", "100.00")), "cz_dwfz", signer));
        assertThat(accepted.accepted()).as("%s", accepted.errors()).isTrue();

        VoucherBody signed = FiscalSignatures.sign(body(payment("SM2026000002", "100.00")), "cz_dwfz", signer);
        VoucherBody tampered = body(payment("SM2026000002", "100000.00")).withSignatures(signed.signatures());
        VoucherOutcome altered = receive(tampered);
        assertThat(altered.errors()).extracting(Problem::code).containsExactly(FiscalCodes.SIGNATURE_INVALID);

        VoucherOutcome unsigned = receive(body(payment("SM2026000003", "100.00")));
        assertThat(unsigned.errors()).extracting(Problem::code).containsExactly(FiscalCodes.SIGNATURE_MISSING);

        Sm2Keys.Sm2Signer stranger = Sm2Keys.create(home, "stranger", "湖北省财政厅 签名");
        VoucherOutcome unknown = receive(FiscalSignatures.sign(body(payment("SM2026000004", "100.00")), "cz_dwfz",
                new Sm2VoucherSigner(stranger.key(), stranger.certificate())));
        assertThat(unknown.errors()).extracting(Problem::code).containsExactly(FiscalCodes.CERTIFICATE_UNKNOWN);

        assertThat(List.of(altered, unsigned, unknown)).noneMatch(VoucherOutcome::accepted);
        assertThat(stored("SM2026000001")).isOne();
        assertThat(List.of(stored("SM2026000002"), stored("SM2026000003"), stored("SM2026000004"))).containsOnly(0);
    }

    @Test
    void theReceiptCarriesTheHubsSm2SignatureVerifiableWithTheHubsCertificate() throws Exception {
        Sm2VoucherSigner signer = new Sm2VoucherSigner(finance.key(), finance.certificate());
        assertThat(receive(FiscalSignatures.sign(body(payment("SM2026000010", "250.00")), "cz_dwfz", signer)).accepted())
                .isTrue();
        StagedFile pipe = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-PIPE"))
                .findFirst().orElseThrow();
        core.deliveries.markUploaded("DEMO-PIPE", pipe.fileName(), "route");
        List<Payment> sent = core.payments.findByDelivery(pipe.deliveryId());
        AnswerResult answered = core.answers.apply("DEMO-PIPE", "ret".getBytes(), new BankAnswer("ret.txt", pipe.messageId(),
                sent.stream().map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList()), true, "inbound");
        ReceiptService receipts = new ReceiptService(core.db.jdbc(), core.db.tx(), core.payments, core.lifecycle, directory,
                core.financeStaging, core.clock);

        List<WrittenAnswer> written = receipts.settle(answered.voucherIds());

        byte[] envelope = Files.readAllBytes(home.resolve("finance").resolve(TestFinance.CODE).resolve(written.get(0).fileName()));
        VoucherBody receipt = new MofEnvelopeReader().read(new ByteArrayInputStream(envelope), "receipt").bodies().get(0);
        assertThat(receipt.voucherFlag()).isEqualTo(VoucherBody.FLAG_RECEIPT);
        assertThat(receipt.signatures()).singleElement().satisfies(s -> {
            assertThat(s.no()).isEqualTo(ReceiptService.HUB_SIGNATURE);
            assertThat(s.sn()).isEqualTo(hub.certificate().getSerialNumber().toString(16));
        });
        assertThat(FiscalSignatures.verify(receipt, Sm2VoucherVerifier.trusting(List.of(hub.certificate())))).isEmpty();
        assertThat(FiscalSignatures.verify(receipt, Sm2VoucherVerifier.trusting(List.of(finance.certificate()))))
                .extracting(Problem::code).containsExactly(FiscalCodes.CERTIFICATE_UNKNOWN);
        assertThat(written.get(0).paidAmount()).isEqualByComparingTo(new BigDecimal("250.00"));
    }

    @Test
    void aPolicyThatSignsWithoutTheHubsKeyStopsTheStart() {
        assertThatThrownBy(() -> new FinanceDirectory(List.of(system(null))))
                .isInstanceOfSatisfying(TreasuryException.class, e -> {
                    assertThat(e.code()).isEqualTo(FinanceDirectory.FINANCE_SYSTEM_INVALID);
                    assertThat(e.getMessage()).contains("hub-key");
                });
    }
}
