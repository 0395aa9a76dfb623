package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.iso20022.IsoFixtures.credit;
import static org.jincai.formats.iso20022.IsoFixtures.payroll;
import static org.jincai.formats.iso20022.IsoFixtures.resource;
import static org.jincai.formats.iso20022.IsoFixtures.stream;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Pain001StreamWriterTest {

    private final IsoXsdValidator validator = new IsoXsdValidator();

    @ParameterizedTest
    @EnumSource(Pain001Version.class)
    void writesAValidDocumentOfEachVersion(Pain001Version version) {
        byte[] xml = Pain001StreamWriter.toBytes(IsoFixtures.withReferences(), Pain001WriteOptions.of(version));

        assertThat(validator.validate(xml, version.messageNameId())).isEmpty();
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<Document xmlns=\"" + version.namespace() + "\">");
    }

    @ParameterizedTest
    @EnumSource(Pain001Version.class)
    void matchesTheGoldenFileOfEachVersion(Pain001Version version) {
        byte[] xml = Pain001StreamWriter.toBytes(payroll(), Pain001WriteOptions.of(version));

        IsoFixtures.assertXmlSimilar(xml, resource("golden/" + version.messageNameId() + "-cnaps-payroll.xml"));
    }

    @Test
    void writesWhatProwidesModelWritesForTheSameMessage() {
        // the Prowide-based writer stays as the cross-check of the streaming one
        byte[] streamed = Pain001StreamWriter.toBytes(payroll(), Pain001WriteOptions.of(Pain001Version.V09));

        IsoFixtures.assertXmlSimilar(streamed, new Pain001V09Writer().write(payroll()));
        IsoFixtures.assertXmlSimilar(Pain001StreamWriter.toBytes(IsoFixtures.withReferences(), Pain001WriteOptions.of(Pain001Version.V09)),
                new Pain001V09Writer().write(IsoFixtures.withReferences()));
    }

    @ParameterizedTest
    @EnumSource(Pain001Version.class)
    void whatIsWrittenReadsBackAsTheSameMessage(Pain001Version version) {
        CreditTransferInitiation sent = IsoFixtures.withReferences();

        CreditTransferInitiation read = new Pain001Reader().read(stream(
                Pain001StreamWriter.toBytes(sent, Pain001WriteOptions.of(version))), "payroll.xml");

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void streamsTenThousandCreditsIntoAValidFile() {
        int n = 10_000;
        BigDecimal total = BigDecimal.valueOf(n * 1_000L + (long) n * (n + 1) / 2, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 1200);
        try (Pain001StreamWriter w = Pain001StreamWriter.open(out, Pain001WriteOptions.of(Pain001Version.V09),
                new Pain001GroupHeader("BIG-PAYROLL", IsoFixtures.CREATED, "某某市财政局", n, total))) {
            w.paymentInformation(new Pain001PaymentHeader("BIG-PAYROLL-1", LocalDate.of(2026, 12, 1), true, "某某市财政局",
                    "110060149018000017", IsoFixtures.PAYER_BANK, (long) n, total), generated(n));
            w.finish();
            assertThat(w.transactionsWritten()).isEqualTo(n);
        }
        byte[] xml = out.toByteArray();

        assertThat(validator.validate(xml, "pain.001.001.09")).isEmpty();
        CreditTransferInitiation read = new Pain001Reader().read(stream(xml), "big.xml");
        assertThat(read.numberOfTransactions()).isEqualTo(n);
        assertThat(read.controlSum()).isEqualByComparingTo(total);
    }

    @Test
    void refusesAtTheEndWhenTheDeclaredNumberOfTransactionsDisagrees() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pain001StreamWriter w = Pain001StreamWriter.open(out, Pain001WriteOptions.of(Pain001Version.V09),
                new Pain001GroupHeader("M1", IsoFixtures.CREATED, null, 3, new BigDecimal("20.00")));
        w.paymentInformation(header(null, null), List.of(tx("E1", "10.00"), tx("E2", "10.00")));

        assertThatThrownBy(w::finish).isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH);
    }

    @Test
    void refusesAtTheEndWhenTheDeclaredControlSumDisagrees() {
        Pain001StreamWriter w = Pain001StreamWriter.open(new ByteArrayOutputStream(), Pain001WriteOptions.of(Pain001Version.V03),
                new Pain001GroupHeader("M1", IsoFixtures.CREATED, null, 2, new BigDecimal("20.01")));
        w.paymentInformation(header(null, null), List.of(tx("E1", "10.00"), tx("E2", "10.00")));

        assertThatThrownBy(w::finish).isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_CTRL_SUM_MISMATCH);
    }

    @Test
    void checksTheTotalsAPaymentInformationBlockDeclares() {
        Pain001StreamWriter w = Pain001StreamWriter.open(new ByteArrayOutputStream(), Pain001WriteOptions.of(Pain001Version.V09),
                new Pain001GroupHeader("M1", IsoFixtures.CREATED, null, 2, new BigDecimal("20.00")));

        assertThatThrownBy(() -> w.paymentInformation(header(2L, new BigDecimal("19.99")),
                List.of(tx("E1", "10.00"), tx("E2", "10.00"))))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_CTRL_SUM_MISMATCH);
    }

    @Test
    void leavesOptionalBlockTotalsOutWhenNotDeclared() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Pain001StreamWriter w = Pain001StreamWriter.open(out, Pain001WriteOptions.of(Pain001Version.V09),
                new Pain001GroupHeader("M1", IsoFixtures.CREATED, "某某市财政局", 1, new BigDecimal("10")))) {
            w.paymentInformation(header(null, null), List.of(tx("E1", "10")));
            w.finish();
        }
        String xml = out.toString(StandardCharsets.UTF_8);

        assertThat(xml).contains("<CtrlSum>10.00</CtrlSum>", "<InstdAmt Ccy=\"CNY\">10.00</InstdAmt>");
        assertThat(xml.split("<NbOfTxs>", -1)).hasSize(2);
        assertThat(validator.validate(out.toByteArray(), "pain.001.001.09")).isEmpty();
    }

    @Test
    void transliteratesNamesAndRemittanceToAsciiPinyin() {
        byte[] xml = Pain001StreamWriter.toBytes(payroll(), Pain001WriteOptions.of(Pain001Version.V09)
                .withUnknownCharacter(Pinyin.Unknown.CODE_POINT).transliterated());
        String text = new String(xml, StandardCharsets.UTF_8);

        assertThat(validator.validate(xml, "pain.001.001.09")).isEmpty();
        assertThat(text.chars().allMatch(c -> c < 0x80)).isTrue();
        assertThat(text).contains("<Nm>Zhang Wei</Nm>", "<Nm>Li Na</Nm>", "<Nm>Mou Mou Shi Cai Zheng Ju</Nm>",
                "<Ustrd>2026 Nian 11 Yue Gong Zi</Ustrd>");
    }

    @Test
    void aCharacterWithoutTransliterationIsAnErrorNamingTheField() {
        CreditTransferInitiation m = single(credit("E1", "1.00", "김민준", "6222020200112345678", null, null, null));

        assertThatThrownBy(() -> Pain001StreamWriter.toBytes(m, Pain001WriteOptions.of(Pain001Version.V09).transliterated()))
                .isInstanceOf(FormatException.class)
                .satisfies(e -> {
                    FormatException f = (FormatException) e;
                    assertThat(f.code()).isEqualTo(IsoProblemCodes.ISO_TRANSLITERATION_FAILED);
                    assertThat(f.problem().location()).contains("Cdtr/Nm");
                });
    }

    @Test
    void refusesWhatTheSchemaWouldRefuse() {
        assertCode(single(credit("E".repeat(36), "1.00", "张伟", "6222", null, null, null)), IsoProblemCodes.ISO_FIELD_TOO_LONG);
        assertCode(single(credit("E1", "1.00", "张".repeat(141), "6222", null, null, null)), IsoProblemCodes.ISO_FIELD_TOO_LONG);
        assertCode(single(credit("E1", "1.001", "张伟", "6222", null, null, null)), IsoProblemCodes.ISO_AMOUNT_INVALID);
        assertCode(single(credit("E1", "0.00", "张伟", "6222", null, null, null)), IsoProblemCodes.ISO_AMOUNT_INVALID);
        assertCode(single(credit("E1", "1.00", "张伟", "6222", "10210009999", null, null)), IsoProblemCodes.ISO_BANK_NUMBER_INVALID);
        assertCode(single(credit("E1", "1.00", "张\u0007伟", "6222", null, null, null)), IsoProblemCodes.ISO_CHAR_INVALID);
        assertCode(single(new CreditTransferTransaction("E1", "E1", new BigDecimal("1.00"), "XXX", "张伟", "6222", null, null,
                null)), IsoProblemCodes.ISO_CURRENCY_INVALID);
        assertCode(new CreditTransferInitiation("M", IsoFixtures.CREATED, null, List.of()), IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH);
    }

    @Test
    void writesAProprietaryCreditorReferenceTypeAsPrtry() {
        CreditTransferInitiation m = single(new CreditTransferTransaction("E1", "E1", new BigDecimal("1.00"), "CNY", "张伟",
                "6222", null, null, null, new CreditorReference("合同号", "某某市财政局", "HT-2026-088")));

        byte[] xml = Pain001StreamWriter.toBytes(m, Pain001WriteOptions.of(Pain001Version.V03));

        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<Prtry>合同号</Prtry>", "<Issr>某某市财政局</Issr>",
                "<Ref>HT-2026-088</Ref>");
        assertThat(validator.validate(xml, "pain.001.001.03")).isEmpty();
    }

    // ------------------------------------------------------------------ fixtures

    private static void assertCode(CreditTransferInitiation m, String code) {
        assertThatThrownBy(() -> Pain001StreamWriter.toBytes(m, Pain001WriteOptions.of(Pain001Version.V09)))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(code);
    }

    private static CreditTransferInitiation single(CreditTransferTransaction t) {
        return new CreditTransferInitiation("M1", IsoFixtures.CREATED, "某某市财政局", List.of(new PaymentInstruction("P1",
                LocalDate.of(2026, 12, 1), false, "某某市财政局", "110060149018000017", IsoFixtures.PAYER_BANK, List.of(t))));
    }

    private static Pain001PaymentHeader header(Long count, BigDecimal sum) {
        return new Pain001PaymentHeader("P1", LocalDate.of(2026, 12, 1), false, "某某市财政局", "110060149018000017",
                IsoFixtures.PAYER_BANK, count, sum);
    }

    private static CreditTransferTransaction tx(String id, String amount) {
        return credit(id, amount, "张伟", "6222020200112345678", null, null, null);
    }

    /** Credits of 10.01, 10.02, ... made one at a time, as a database cursor would give them. */
    private static Iterator<CreditTransferTransaction> generated(int n) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public CreditTransferTransaction next() {
                i++;
                String id = "PAY" + (100_000_000 + i);
                return new CreditTransferTransaction(id, id, BigDecimal.valueOf(1000 + i, 2), "CNY", i % 2 == 0 ? "张伟" : "欧阳文峰",
                        "6222" + (100_000_000_000_000L + i), "102100099996", "中国工商银行股份有限公司北京市分行",
                        "2026年11月工资 工号" + i);
            }
        };
    }
}
