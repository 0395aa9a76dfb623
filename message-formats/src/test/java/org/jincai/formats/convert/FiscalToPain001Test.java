package org.jincai.formats.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.EnvelopeReadResult;
import org.jincai.formats.fiscal.FiscalEnvelopes;
import org.jincai.formats.iso20022.CreditTransferInitiation;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.Pain001Reader;
import org.jincai.formats.iso20022.Pain001Version;
import org.jincai.formats.iso20022.Pain001WriteOptions;
import org.jincai.formats.iso20022.PaymentInstruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FiscalToPain001Test {

    private static final FiscalToPain001.Options OPTIONS = new FiscalToPain001.Options("CONV-20261201-001",
            OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)), LocalDate.of(2026, 12, 1), true, null, null);

    @Test
    void oneCreditPerDetailOneBlockPerPayingBankAndAccount() {
        FiscalToPain001.Conversion c = FiscalToPain001.convert(envelope("mof-envelope-5201-8202.xml"), OPTIONS);
        CreditTransferInitiation m = c.initiation();

        assertThat(c.problems()).isEmpty();
        assertThat(c.vouchersConverted()).isEqualTo(3);
        assertThat(m.numberOfTransactions()).isEqualTo(11);
        assertThat(m.controlSum()).isEqualByComparingTo("244511.62");
        PaymentInstruction first = m.paymentInstructions().get(0);
        assertThat(first.paymentInformationId()).isEqualTo("CONV-20261201-001-1");
        assertThat(first.debtorName()).isEqualTo("某市财政局零余额账户");
        assertThat(first.batchBooking()).isTrue();
        CreditTransferTransaction credit = first.transactions().get(0);
        assertThat(credit.endToEndId()).isEqualTo("T202600000001-1");
        assertThat(credit.creditorName()).isEqualTo("郑爽");
        assertThat(credit.amount()).isEqualByComparingTo("39767.49");
        assertThat(credit.currency()).isEqualTo("CNY");
        int blocks = (int) envelope("mof-envelope-5201-8202.xml").vouchers().stream()
                .map(v -> v.voucher().payBankCode() + "|" + v.voucher().payAcctNo()).distinct().count();
        assertThat(m.paymentInstructions()).hasSize(blocks);
    }

    @ParameterizedTest
    @EnumSource(Pain001Version.class)
    void writesAValidPain001OfEitherVersionThatReadsBack(Pain001Version version) {
        FiscalToPain001.Conversion c = FiscalToPain001.convert(envelope("mof-envelope-5201-8202.xml"), OPTIONS);

        byte[] xml = FiscalToPain001.toBytes(c, Pain001WriteOptions.of(version));

        assertThat(new IsoXsdValidator().validate(xml, version.messageNameId())).isEmpty();
        assertThat(new Pain001Reader().read(new ByteArrayInputStream(xml), "conv.xml")).isEqualTo(c.initiation());
    }

    @Test
    void transliteratedForAnAsciiBank() {
        FiscalToPain001.Conversion c = FiscalToPain001.convert(envelope("mof-envelope-5201-8202.xml"), OPTIONS);

        byte[] xml = FiscalToPain001.toBytes(c, Pain001WriteOptions.of(Pain001Version.V03).transliterated());

        assertThat(new IsoXsdValidator().validate(xml, "pain.001.001.03")).isEmpty();
        assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8)).contains("<Nm>Zheng Shuang</Nm>");
    }

    @Test
    void anInvalidVoucherIsSkippedAndReported() {
        FiscalToPain001.Conversion c = FiscalToPain001.convert(envelope("mof-envelope-pay-amt-mismatch.xml"), OPTIONS);

        assertThat(c.initiation()).isNull();
        assertThat(c.problems()).extracting(Problem::code)
                .containsExactly(FiscalToPain001.CONVERT_VOUCHER_INVALID, FiscalToPain001.CONVERT_NOTHING_TO_PAY);
        assertThat(c.problems().get(0).message()).contains("PAY_AMT_MISMATCH");
    }

    @Test
    void onlyTheVouchersOfTheBankAskedFor() {
        EnvelopeReadResult e = envelope("mof-envelope-5201-8202.xml");
        String bank = e.vouchers().get(0).voucher().payBankCode();
        FiscalToPain001.Options only = new FiscalToPain001.Options(OPTIONS.messageId(), OPTIONS.creationDateTime(),
                OPTIONS.executionDate(), null, "某市财政局", bank);

        FiscalToPain001.Conversion c = FiscalToPain001.convert(e, only);

        assertThat(c.initiation().paymentInstructions()).allSatisfy(p -> assertThat(p.debtorAgentMemberId()).isEqualTo(bank));
        assertThat(c.initiation().initiatingPartyName()).isEqualTo("某市财政局");
        assertThat(FiscalToPain001.total(c)).isLessThanOrEqualTo(new BigDecimal("244511.62"));
    }

    @Test
    void aHeaderOnlyVoucherBecomesOneCredit() {
        EnvelopeReadResult e = envelope("mof-envelope-5201-8202.xml");
        var r = e.vouchers().get(1);
        var headerOnly = new org.jincai.formats.fiscal.VoucherReadResult(r.body(), r.voucher().withDetails(List.of()),
                List.of(), List.of());

        FiscalToPain001.Conversion c = FiscalToPain001.convert(List.of(headerOnly), OPTIONS);

        assertThat(c.initiation().numberOfTransactions()).isEqualTo(1);
        CreditTransferTransaction t = c.initiation().paymentInstructions().get(0).transactions().get(0);
        assertThat(t.endToEndId()).isEqualTo(r.voucher().voucherNo());
        assertThat(t.amount()).isEqualByComparingTo(r.voucher().payAmt());
        assertThat(t.creditorAccount()).isEqualTo(r.voucher().payeeAcctNo());
    }

    static EnvelopeReadResult envelope(String name) {
        try (InputStream in = FiscalToPain001Test.class.getResourceAsStream("/convert/" + name)) {
            return FiscalEnvelopes.readPayments(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
