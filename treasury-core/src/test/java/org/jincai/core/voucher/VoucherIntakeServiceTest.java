package org.jincai.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoucherIntakeServiceTest {

    @TempDir
    Path staging;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(staging);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private List<VoucherOutcome> receive(byte[] envelope) {
        return core.intake.receive(Envelopes.stream(envelope), "test:envelope", "finance-test");
    }

    @Test
    void validVouchersBecomeApprovedPaymentsRoutedToTheirBank() {
        List<VoucherOutcome> outcomes = receive(Envelopes.example());

        assertThat(outcomes).extracting(VoucherOutcome::voucherNo, VoucherOutcome::status, VoucherOutcome::bankCode,
                VoucherOutcome::payments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("T202600000001", VoucherOutcome.Status.ACCEPTED, "DEMO-ISO", 3),
                org.assertj.core.groups.Tuple.tuple("T202600000002", VoucherOutcome.Status.ACCEPTED, "DEMO-PIPE", 4),
                org.assertj.core.groups.Tuple.tuple("T202600000003", VoucherOutcome.Status.REFUSED, null, 0));
        assertThat(outcomes.get(2).errors()).extracting(Problem::code).containsExactly("UNKNOWN_PAY_BANK");

        List<Payment> approved = core.payments.findByStatus(PaymentStatus.APPROVED);
        assertThat(approved).hasSize(7);
        assertThat(approved.stream().filter(p -> p.bankCode().equals("DEMO-ISO")).map(Payment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("60531.20");
        assertThat(approved).allSatisfy(p -> {
            assertThat(p.currency()).isEqualTo("CNY");
            assertThat(p.payAcctNo()).isEqualTo("9558800000000001");
            assertThat(p.detailId()).startsWith("T20260000000");
        });
        assertThat(approved).extracting(Payment::payeeAcctName).contains("郑爽");
    }

    @Test
    void everyPaymentCarriesItsWholeTrailWithActors() {
        receive(Envelopes.example());
        Payment p = core.payments.findByStatus(PaymentStatus.APPROVED).get(0);

        assertThat(core.lifecycle.history(p.paymentId()))
                .extracting(e -> e.to().name() + " by " + e.actor())
                .containsExactly("RECEIVED by finance-test", "VALIDATED by system", "RESERVED by system:controls",
                        "PENDING_APPROVAL by system:controls", "APPROVED by system:controls");
    }

    @Test
    void aVoucherAlreadyReceivedIsADuplicateAndChangesNothing() {
        receive(Envelopes.example());
        int payments = core.db.count("SELECT COUNT(*) FROM payment");
        int vouchers = core.db.count("SELECT COUNT(*) FROM voucher");
        int events = core.db.count("SELECT COUNT(*) FROM payment_event");

        List<VoucherOutcome> second = receive(Envelopes.example());

        assertThat(second.subList(0, 2)).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(VoucherOutcome.Status.DUPLICATE);
            assertThat(o.errors()).extracting(Problem::code).containsExactly("DUPLICATE_VOUCHER");
        });
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(payments);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isEqualTo(vouchers);
        assertThat(core.db.count("SELECT COUNT(*) FROM payment_event")).isEqualTo(events);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_refusal WHERE codes = 'DUPLICATE_VOUCHER'")).isEqualTo(2);
    }

    @Test
    void aVoucherWhosePayAmtDisagreesWithItsDetailsIsNeverPayable() {
        byte[] envelope = Envelopes.exampleWithVoucherEdited("T202600000002",
                inner -> inner.replace("<PayAmt>87169.74</PayAmt>", "<PayAmt>87169.75</PayAmt>"));

        List<VoucherOutcome> outcomes = receive(envelope);

        assertThat(outcomes.get(1).status()).isEqualTo(VoucherOutcome.Status.REFUSED);
        assertThat(outcomes.get(1).errors()).extracting(Problem::code).contains("PAY_AMT_MISMATCH");
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher WHERE voucher_no = 'T202600000002'")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_refusal WHERE voucher_no = 'T202600000002'")).isEqualTo(1);
    }

    @Test
    void aPayeeTheBanksCharsetCannotCarryIsRefusedAtIntake() {
        // DEMO-PIPE writes GBK: a name outside GBK would otherwise fail only at release
        byte[] envelope = Envelopes.exampleWithVoucherEdited("T202600000002",
                inner -> inner.replaceFirst("<PayeeAcctName>([^<]*)</PayeeAcctName>\\s*<PayeeAcctBankName>([^<]*)"
                        + "</PayeeAcctBankName>\\s*<PayAmt>12635.62", "<PayeeAcctName>张&#x1F600;</PayeeAcctName>"
                        + "<PayeeAcctBankName>$2</PayeeAcctBankName><PayAmt>12635.62"));

        List<VoucherOutcome> outcomes = receive(envelope);

        assertThat(outcomes.get(1).errors()).extracting(Problem::code).containsExactly("CHARSET_UNENCODABLE");
        assertThat(outcomes.get(1).errors().get(0).location()).contains("T202600000002-1");
    }

    @Test
    void anEnvelopeThatIsNotXmlIsRefusedWhole() {
        assertThatThrownBy(() -> receive("<MOF><VoucherCount>1".getBytes(Envelopes.GBK)))
                .isInstanceOf(FormatException.class);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
    }

    @Test
    void anEnvelopeWhoseCountDisagreesIsRefusedWhole() {
        String text = new String(Envelopes.example(), Envelopes.GBK)
                .replace("<VoucherCount>3</VoucherCount>", "<VoucherCount>4</VoucherCount>");

        assertThatThrownBy(() -> receive(text.getBytes(Envelopes.GBK)))
                .isInstanceOfSatisfying(EnvelopeRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("VOUCHER_COUNT_MISMATCH"));
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
    }

    @Test
    void aVoucherWithoutPayBankCodeIsRefusedWithItsLocationAndTheOthersAreJudgedOnTheirOwn() {
        // before: the NOT NULL column failed the INSERT and the whole request answered 500
        byte[] envelope = Envelopes.exampleWithVoucherEdited("T202600000001",
                inner -> inner.replaceAll("<PayBankCode>[^<]*</PayBankCode>", ""));

        List<VoucherOutcome> outcomes = receive(envelope);

        assertThat(outcomes).extracting(VoucherOutcome::status).containsExactly(VoucherOutcome.Status.REFUSED,
                VoucherOutcome.Status.ACCEPTED, VoucherOutcome.Status.REFUSED);
        assertThat(outcomes.get(0).errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("MISSING_FIELD");
            assertThat(p.location()).endsWith("T202600000001 / PayBankCode");
        });
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isEqualTo(1);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_refusal")).isEqualTo(2);
    }

    @Test
    void valuesLongerThanTheirColumnsAreRefusedBeforeAnyInsertWithTheFieldsLocation() {
        byte[] envelope = Envelopes.exampleWithVoucherEdited("T202600000002", inner -> inner
                .replace("<PayeeAcctName>赵敏</PayeeAcctName>", "<PayeeAcctName>" + "赵".repeat(300) + "</PayeeAcctName>")
                .replace("<PayeeAcctNo>6222145488426346</PayeeAcctNo>", "<PayeeAcctNo>" + "6".repeat(60) + "</PayeeAcctNo>"));
        envelope = Envelopes.withVoucherNo(envelope, "T202600000001", "T" + "2".repeat(44));

        List<VoucherOutcome> outcomes = receive(envelope);

        assertThat(outcomes.get(0).errors()).extracting(Problem::code).containsOnly("FIELD_TOO_LONG");
        assertThat(outcomes.get(0).errors()).extracting(Problem::location).anyMatch(l -> l.endsWith("VoucherNo"));
        assertThat(outcomes.get(1).errors()).extracting(Problem::code).containsOnly("FIELD_TOO_LONG");
        assertThat(outcomes.get(1).errors()).extracting(Problem::location)
                .anyMatch(l -> l.endsWith("detail T202600000002-2 / PayeeAcctName"))
                .anyMatch(l -> l.endsWith("detail T202600000002-3 / PayeeAcctNo"));
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_refusal")).as("every refusal recorded, its key cut to fit")
                .isEqualTo(3);
    }

    @Test
    void aDatabaseFaultOnOneVoucherRefusesThatVoucherWithAStableCodeAndNothingOfIt() {
        // a real constraint of the database refuses one payee: the fault of storing, not of the voucher
        core.db.jdbc().getJdbcTemplate().execute(
                "ALTER TABLE payment ADD CONSTRAINT t_fault CHECK (payee_acct_name <> '赵敏')");

        List<VoucherOutcome> outcomes = receive(Envelopes.example());

        VoucherOutcome failed = outcomes.get(1);
        assertThat(failed.status()).isEqualTo(VoucherOutcome.Status.REFUSED);
        assertThat(failed.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("INTAKE_STORE_FAILED");
            assertThat(p.message()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("constraint")
                    .contains("reference");
        });
        assertThat(outcomes.get(0).status()).isEqualTo(VoucherOutcome.Status.ACCEPTED);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher WHERE voucher_no = 'T202600000002'")).isZero();
        assertThat(core.db.count("SELECT COUNT(*) FROM payment")).isEqualTo(3);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher_refusal WHERE codes = 'INTAKE_STORE_FAILED'")).isEqualTo(1);
    }

    @Test
    void anInnerVoucherOverTheLimitRefusesTheEnvelopeBeforeItIsDecoded() {
        String huge = "<?xml version=\"1.0\" encoding=\"GBK\"?><MOF><VoucherCount>1</VoucherCount><VoucherBody AdmDivCode="
                + "\"420000\" StYear=\"2026\" VtCode=\"5201\" VoucherNo=\"X1\"><VoucherFlag>0</VoucherFlag><Voucher>"
                + "QUJD".repeat((int) (VoucherIntakeService.MAX_VOUCHER_CHARS / 4) + 1) + "</Voucher></VoucherBody></MOF>";

        assertThatThrownBy(() -> receive(huge.getBytes(Envelopes.GBK)))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo("VOUCHER_TOO_LARGE");
                    assertThat(e.problem().location()).isEqualTo("envelope body 1");
                });
    }

    @Test
    void anEnvelopeCutShortIsRefusedWholeEvenAfterItsFirstCompleteVouchers() {
        byte[] example = Envelopes.example();
        byte[] cut = java.util.Arrays.copyOf(example, example.length * 2 / 3);

        assertThatThrownBy(() -> receive(cut)).isInstanceOf(FormatException.class);
        assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).as("nothing of a half-written file is taken").isZero();
    }

    @Test
    void aResentVoucherIsADuplicateEvenWhenItWouldNowBeRefused() {
        receive(Envelopes.example());
        byte[] changed = Envelopes.exampleWithVoucherEdited("T202600000001",
                inner -> inner.replaceAll("<PayBankCode>[^<]*</PayBankCode>", ""));

        VoucherOutcome again = receive(changed).get(0);

        assertThat(again.status()).as("a refusal would be answered with a return of a voucher being paid")
                .isEqualTo(VoucherOutcome.Status.DUPLICATE);
        assertThat(again.errors()).extracting(Problem::code).containsExactly("DUPLICATE_VOUCHER");
    }

    @Test
    void theColumnCheckRefusesWhatTheReaderLetsThroughWithTheFieldsLocation() {
        // the backstop for any value the fiscal reader's limits do not cover: checked against the schema's columns
        byte[] envelope = Envelopes.exampleWithVoucherEdited("T202600000002", inner -> inner
                .replace("<PayeeAcctName>赵敏</PayeeAcctName>", "<PayeeAcctName>" + "赵".repeat(300) + "</PayeeAcctName>")
                .replaceAll("<PayBankCode>[^<]*</PayBankCode>", ""));
        org.jincai.formats.fiscal.VoucherBody body = new org.jincai.formats.fiscal.MofEnvelopeReader()
                .read(Envelopes.stream(envelope).openUnchecked(), "test").bodies().get(1);
        org.jincai.formats.fiscal.PaymentVoucher voucher = new org.jincai.formats.fiscal.PaymentVoucherReader()
                .read(body).voucher();

        List<Problem> problems = VoucherColumns.check(body, voucher, Credit.of(voucher), "voucher T202600000002");

        assertThat(problems).extracting(Problem::code, Problem::location).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("MISSING_FIELD", "voucher T202600000002 / PayBankCode"),
                org.assertj.core.groups.Tuple.tuple("FIELD_TOO_LONG",
                        "voucher T202600000002 / detail T202600000002-2 / PayeeAcctName"));
    }
}
