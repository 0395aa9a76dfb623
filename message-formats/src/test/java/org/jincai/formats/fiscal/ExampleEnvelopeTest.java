package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.resource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference example envelope (three vouchers, GBK, base64 inner vouchers) read, checked and rewritten. */
class ExampleEnvelopeTest {

    private static final String EXAMPLE = "mof-envelope-5201-8202.xml";

    @Test
    void readsTheThreeVouchersOfTheExample() {
        EnvelopeReadResult result = FiscalEnvelopes.readPayments(new ByteArrayInputStream(resource(EXAMPLE)), EXAMPLE);

        assertThat(result.envelopeErrors()).isEmpty();
        assertThat(result.vouchers()).hasSize(3);
        assertThat(result.vouchers()).allSatisfy(v -> {
            assertThat(v.errors()).isEmpty();
            assertThat(v.warnings()).isEmpty();
        });
        assertThat(result.allValid()).isTrue();
        assertThat(result.vouchers()).extracting(v -> v.voucher().vtCode()).containsExactly("8202", "5201", "5201");
        assertThat(result.vouchers()).extracting(v -> v.voucher().voucherNo())
                .containsExactly("T202600000001", "T202600000002", "T202600000003");
        assertThat(result.vouchers()).extracting(v -> v.voucher().payAmt())
                .containsExactly(new BigDecimal("60531.20"), new BigDecimal("87169.74"), new BigDecimal("96810.68"));
        assertThat(result.vouchers()).extracting(v -> v.voucher().details().size()).containsExactly(3, 4, 4);
    }

    @Test
    void decodesChineseNamesFromGbk() {
        PaymentVoucher first = FiscalEnvelopes.readPayments(new ByteArrayInputStream(resource(EXAMPLE)), EXAMPLE)
                .vouchers().get(0).voucher();

        assertThat(first.agencyName()).isEqualTo("某市教育局机关");
        assertThat(first.fundTypeName()).isEqualTo("一般公共预算");
        assertThat(first.payTypeName()).isEqualTo("财政授权支付");
        assertThat(first.payAcctName()).isEqualTo("某市财政局零余额账户");
        assertThat(first.vouDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(first.details()).extracting(VoucherDetail::payeeAcctName).containsExactly("郑爽", "黄勇", "刘洋");
        assertThat(first.details().get(0).payAmt()).isEqualTo(new BigDecimal("39767.49"));
        assertThat(first.details().get(0).voucherBillNo()).isEqualTo("T202600000001");
    }

    @Test
    void envelopeAttributesAndFlagsAreKept() {
        MofEnvelope envelope = new MofEnvelopeReader().read(new ByteArrayInputStream(resource(EXAMPLE)), EXAMPLE);

        assertThat(envelope.declaredCount()).isEqualTo(3);
        assertThat(envelope.countMatches()).isTrue();
        VoucherBody second = envelope.bodies().get(1);
        assertThat(second.index()).isEqualTo(2);
        assertThat(second.key()).isEqualTo(new VoucherKey("420000", "2026", "5201", "T202600000002", 0));
        assertThat(second.attach()).isEmpty();
        assertThat(second.returnReason()).isNull();
        assertThat(second.signatures()).isEmpty();
        assertThat(second.stamps()).isEmpty();
        assertThat(envelope.bodies().get(0).voucherXml()).isEqualTo(resource("inner-voucher-8202.xml"));
    }

    @Test
    void envelopeRewritesByteForByte() {
        byte[] original = resource(EXAMPLE);
        MofEnvelope envelope = new MofEnvelopeReader().read(new ByteArrayInputStream(original), EXAMPLE);

        byte[] written = new MofEnvelopeWriter().toBytes(envelope.bodies());

        assertThat(written).isEqualTo(original);
    }

    @Test
    void innerVouchersRewriteByteForByte() {
        MofEnvelope envelope = new MofEnvelopeReader().read(new ByteArrayInputStream(resource(EXAMPLE)), EXAMPLE);
        PaymentVoucherReader reader = new PaymentVoucherReader();
        PaymentVoucherWriter writer = new PaymentVoucherWriter();

        for (VoucherBody body : envelope.bodies()) {
            PaymentVoucher voucher = reader.read(body).voucher();
            assertThat(writer.write(voucher)).as(body.voucherNo()).isEqualTo(body.voucherXml());
        }
    }

    @Test
    void goldenRoundTripReadWriteReadIsEqual() {
        EnvelopeReadResult first = FiscalEnvelopes.readPayments(new ByteArrayInputStream(resource(EXAMPLE)), EXAMPLE);
        List<VoucherBody> rewritten = first.vouchers().stream()
                .map(v -> VoucherBody.of(v.voucher(), v.body().voucherFlag(), v.body().returnReason()))
                .toList();
        byte[] bytes = new MofEnvelopeWriter().toBytes(rewritten);

        EnvelopeReadResult second = FiscalEnvelopes.readPayments(new ByteArrayInputStream(bytes), "rewritten");

        assertThat(second.vouchers()).extracting(VoucherReadResult::voucher)
                .containsExactlyElementsOf(first.vouchers().stream().map(VoucherReadResult::voucher).toList());
        assertThat(second.vouchers()).extracting(VoucherReadResult::body)
                .containsExactlyElementsOf(first.vouchers().stream().map(VoucherReadResult::body).toList());
    }
}
