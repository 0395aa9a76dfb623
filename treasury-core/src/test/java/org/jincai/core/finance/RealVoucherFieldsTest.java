package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.core.answer.AnswerResult;
import org.jincai.core.payment.Payment;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestFinance;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.PaymentVoucherReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vouchers as finance systems really send them, through the intake and back out as receipts on a real
 * database: fields outside the tables are kept and echoed, each finance system's profile decides what is
 * read, and a field too long or of the wrong syntax never reaches the database.
 */
class RealVoucherFieldsTest {

    /** T202600000002 (DEMO-PIPE, four lines) with carried and unlisted fields, and zero X-fields of an original. */
    private static final byte[] WITH_EXTRA_FIELDS = Envelopes.exampleWithVoucherEdited("T202600000002", inner -> inner
            .replace("<PayAmt>87169.74</PayAmt>", "<ExpFuncCode1>210</ExpFuncCode1>\n<TaxBillNo>SP2026001</TaxBillNo>\n"
                    + "<PayAmt>87169.74</PayAmt>\n<XPayAmt>0</XPayAmt>\n<XPayDate></XPayDate>\n<ForeignAmt>0</ForeignAmt>\n"
                    + "<RegionNote>省级统发</RegionNote>\n<CurrencyCode>CNY</CurrencyCode>")
            .replace("<PayAmt>12635.62</PayAmt>", "<PayAmt>12635.62</PayAmt>\n<PayKindCode>01</PayKindCode>\n<LineTag>L-1</LineTag>"));

    @TempDir
    Path home;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(home);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void aReceiptCarriesTheFieldsOutsideTheTablesInTheirOrder() throws Exception {
        List<VoucherOutcome> outcomes = core.intake.receive(EnvelopeSource.of(WITH_EXTRA_FIELDS), "rest", "finance-test");
        VoucherOutcome extra = outcomes.stream().filter(o -> o.voucherNo().equals("T202600000002")).findFirst().orElseThrow();
        assertThat(extra.accepted()).as("%s", extra.errors()).isTrue();
        assertThat(extra.warnings()).extracting(Problem::code, Problem::location).contains(
                org.assertj.core.groups.Tuple.tuple(FiscalCodes.FIELD_UNLISTED, "envelope body 2 / voucher T202600000002 / RegionNote"),
                org.assertj.core.groups.Tuple.tuple(FiscalCodes.FIELD_UNLISTED,
                        "envelope body 2 / voucher T202600000002 / detail T202600000002-1 / LineTag"));

        StagedFile pipe = core.release.release("op").staged().stream().filter(f -> f.bankCode().equals("DEMO-PIPE"))
                .findFirst().orElseThrow();
        core.deliveries.markUploaded("DEMO-PIPE", pipe.fileName(), "route");
        List<Payment> sent = core.payments.findByDelivery(pipe.deliveryId());
        AnswerResult answered = core.answers.apply("DEMO-PIPE", "ret".getBytes(), new BankAnswer("ret.txt", pipe.messageId(),
                sent.stream().map(p -> new CreditStatus(p.paymentId(), true, null, null)).toList()), true, "inbound");
        List<WrittenAnswer> written = core.receipts.settle(answered.voucherIds());

        assertThat(written).singleElement().extracting(WrittenAnswer::voucherFlag).isEqualTo(VoucherBody.FLAG_RECEIPT);
        byte[] envelope = Files.readAllBytes(home.resolve("finance").resolve(TestFinance.CODE).resolve(written.get(0).fileName()));
        VoucherBody body = new MofEnvelopeReader().read(new ByteArrayInputStream(envelope), "receipt").bodies().get(0);
        PaymentVoucher receipt = new PaymentVoucherReader().read(body).voucher();
        assertThat(receipt.otherFields()).containsExactly(Map.entry("ExpFuncCode1", "210"), Map.entry("TaxBillNo", "SP2026001"),
                Map.entry("ForeignAmt", "0"), Map.entry("RegionNote", "省级统发"), Map.entry("CurrencyCode", "CNY"));
        assertThat(receipt.details().get(0).otherFields()).containsExactly(Map.entry("PayKindCode", "01"), Map.entry("LineTag", "L-1"));
        assertThat(receipt.xPayAmt()).isEqualByComparingTo("87169.74");
    }

    @Test
    void aStrictFinanceSystemRefusesWhatALenientOneReadsWithWarnings() {
        FinanceSystem strict = new FinanceSystem(TestFinance.CODE, "湖北省财政厅", List.of("420000"), "finance/" + TestFinance.CODE, null,
                new VoucherReading(FiscalReadOptions.Mode.STRICT, null, false, null, null, null, false, null, null, null));
        VoucherIntakeService intake = new VoucherIntakeService(core.db.jdbc(), core.db.tx(), core.payments, core.lifecycle, core.banks,
                new FinanceDirectory(List.of(strict)), core.controls, core.clock);

        VoucherOutcome refused = intake.receive(EnvelopeSource.of(WITH_EXTRA_FIELDS), "rest", "finance-test").stream()
                .filter(o -> o.voucherNo().equals("T202600000002")).findFirst().orElseThrow();

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.errors()).extracting(Problem::code).containsOnly(FiscalCodes.FIELD_UNLISTED);
    }

    @Test
    void aFieldTooLongOrOfTheWrongSyntaxIsRefusedBeforeTheDatabase() {
        byte[] longName = Envelopes.exampleWithVoucherEdited("T202600000002",
                inner -> inner.replaceFirst("<PayeeAcctName>[^<]*</PayeeAcctName>", "<PayeeAcctName>" + "张".repeat(300) + "</PayeeAcctName>"));
        byte[] noBank = Envelopes.exampleWithVoucherEdited("T202600000002",
                inner -> inner.replaceFirst("<PayBankCode>[^<]*</PayBankCode>\n", ""));

        VoucherOutcome tooLong = voucher(core.intake.receive(EnvelopeSource.of(longName), "rest", "t"), "T202600000002");
        VoucherOutcome missing = voucher(core.intake.receive(EnvelopeSource.of(noBank), "rest2", "t"), "T202600000002");

        assertThat(tooLong.errors()).extracting(Problem::code, Problem::location).containsExactly(org.assertj.core.groups.Tuple.tuple(
                FiscalCodes.FIELD_TOO_LONG, "envelope body 2 / voucher T202600000002 / PayeeAcctName"));
        assertThat(missing.errors()).extracting(Problem::code, Problem::location).containsExactly(org.assertj.core.groups.Tuple.tuple(
                FiscalCodes.MISSING_FIELD, "envelope body 2 / voucher T202600000002 / PayBankCode"));
        assertThat(core.db.jdbc().queryForObject("SELECT COUNT(*) FROM voucher WHERE voucher_no = 'T202600000002'",
                Map.of(), Integer.class)).isZero();
    }

    private static VoucherOutcome voucher(List<VoucherOutcome> outcomes, String voucherNo) {
        return outcomes.stream().filter(o -> voucherNo.equals(o.voucherNo())).findFirst().orElseThrow();
    }
}
