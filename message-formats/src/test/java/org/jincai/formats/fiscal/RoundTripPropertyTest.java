package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.RandomValues.amount;
import static org.jincai.formats.fiscal.RandomValues.date;
import static org.jincai.formats.fiscal.RandomValues.digits;
import static org.jincai.formats.fiscal.RandomValues.text;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jincai.formats.fiscal.internal.FieldSpec;
import org.jincai.formats.fiscal.internal.VoucherFields;
import org.junit.jupiter.api.Test;

/**
 * Seeded random vouchers (every modelled field, random GBK text with markup characters, 0–6 details,
 * originals and receipts) survive write -> read unchanged, alone and together in one envelope.
 */
class RoundTripPropertyTest {

    private static final long SEED = 20261127L;
    private static final int VOUCHERS = 200;
    private static final String[] VT_CODES = {"5201", "8202", "5214"};

    private final Random random = new Random(SEED);

    @Test
    void randomVouchersSurviveWriteAndRead() {
        List<PaymentVoucher> vouchers = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        for (int i = 0; i < VOUCHERS; i++) {
            int flag = random.nextInt(4) == 0 ? VoucherBody.FLAG_RECEIPT : VoucherBody.FLAG_ORIGINAL;
            vouchers.add(voucher(i, flag));
            flags.add(flag);
        }
        PaymentVoucherReader reader = new PaymentVoucherReader();
        List<VoucherBody> bodies = new ArrayList<>();
        for (int i = 0; i < VOUCHERS; i++) {
            VoucherBody body = VoucherBody.of(vouchers.get(i), flags.get(i), null);
            bodies.add(body);
            VoucherReadResult r = reader.read(body.withIndex(i + 1));
            assertThat(r.errors()).as("voucher %d", i).isEmpty();
            assertThat(r.voucher()).as("voucher %d", i).isEqualTo(vouchers.get(i));
            assertThat(new PaymentVoucherWriter().write(r.voucher())).isEqualTo(body.voucherXml());
        }

        byte[] envelope = new MofEnvelopeWriter().toBytes(bodies);
        EnvelopeReadResult all = FiscalEnvelopes.readPayments(new ByteArrayInputStream(envelope), "random");

        assertThat(all.allValid()).isTrue();
        assertThat(all.vouchers()).extracting(VoucherReadResult::voucher).containsExactlyElementsOf(vouchers);
        assertThat(new MofEnvelopeWriter().toBytes(all.vouchers().stream().map(VoucherReadResult::body).toList())).isEqualTo(envelope);
    }

    private PaymentVoucher voucher(int n, int flag) {
        PaymentVoucher.Builder b = PaymentVoucher.builder();
        fill(VoucherFields.HEADER, b);
        String voucherNo = "RV" + (2026_0000_0000L + n);
        b.vtCode(VT_CODES[random.nextInt(VT_CODES.length)])
                .admDivCode("42" + (1000 + random.nextInt(9000)))
                .stYear("2026")
                .voucherNo(voucherNo)
                .id(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                .agencyCode(digits(6, random))
                .payBankCode(digits(12, random))
                .payAcctNo(digits(16, random))
                .vouDate(date(random));
        if (random.nextInt(5) == 0) {
            b.otherField("CurrencyCode", "CNY").otherField("ExpFuncCode1", digits(3, random));
        }
        List<VoucherDetail> details = new ArrayList<>();
        int count = random.nextInt(7);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int i = 1; i <= count; i++) {
            VoucherDetail.Builder d = VoucherDetail.builder();
            fill(VoucherFields.DETAIL_FIELDS, d);
            BigDecimal amount = amount(random);
            d.id(voucherNo + "-" + i).payeeAcctNo(digits(16, random)).payeeAcctName(text(1 + random.nextInt(12), random)).payAmt(amount);
            total = total.add(amount);
            details.add(d.build());
        }
        if (count == 0) {
            total = amount(random);
            b.payeeAcctNo(digits(16, random)).payeeAcctName(text(4, random));
        }
        b.details(details).payAmt(total);
        if (flag == VoucherBody.FLAG_RECEIPT) {
            b.xPayDate(date(random)).xAgentBusinessNo("BK" + digits(12, random)).xPayAmt(random.nextBoolean() ? total : BigDecimal.ZERO.setScale(2));
        }
        PaymentVoucher v = b.build();
        // detail bill references, when drawn at random, must point at this voucher (else a warning only)
        return v.withDetails(v.details().stream()
                .map(d -> d.toBuilder().voucherBillNo(d.voucherBillNo() == null ? null : voucherNo)
                        .voucherBillId(d.voucherBillId() == null ? null : v.id()).build())
                .toList());
    }

    /** Every field of the table gets, with even odds, a random value of its kind. */
    private <B> void fill(List<? extends FieldSpec<?, B>> fields, B builder) {
        for (FieldSpec<?, B> f : fields) {
            if (random.nextBoolean()) {
                continue;
            }
            Object value = switch (f.kind()) {
                case TEXT -> RandomValues.value(FieldLimit.forTag(f.tag(), f.kind()), 1 + random.nextInt(20), random);
                case DATE -> date(random);
                case AMOUNT -> amount(random);
            };
            f.setter().accept(builder, value);
        }
    }
}
