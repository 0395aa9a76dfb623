package org.jincai.formats.fiscal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * Fixtures shared by the fiscal tests: a valid voucher to break one rule at a time, resource loading, and the
 * verdict on a file of a malformed corpus.
 */
final class TestVouchers {

    static final Charset GBK = Charset.forName("GBK");

    private TestVouchers() {
    }

    static VoucherDetail.Builder detail(String id, String amount) {
        return VoucherDetail.builder()
                .id(id)
                .voucherBillNo("HB2026112700001")
                .agencyCode("219011")
                .expFuncCode("2050201")
                .depExpEcoCode("30201")
                .payeeAcctNo("6222021234567890")
                .payeeAcctName("王喆")
                .payeeAcctBankName("某银行武汉分行")
                .payAmt(new BigDecimal(amount));
    }

    /** A valid 5201 with two details summing to the header PayAmt. */
    static PaymentVoucher.Builder valid() {
        return PaymentVoucher.builder()
                .id("0123456789abcdef0123456789abcdef")
                .admDivCode("420000")
                .stYear("2026")
                .vtCode("5201")
                .vouDate(LocalDate.of(2026, 11, 27))
                .voucherNo("HB2026112700001")
                .fundTypeCode("11")
                .fundTypeName("一般公共预算")
                .payTypeCode("11")
                .payTypeName("财政直接支付")
                .agencyCode("219011")
                .agencyName("湖北省教育厅机关")
                .expFuncCode("2050201")
                .expFuncName("学前教育")
                .depExpEcoCode("30201")
                .depExpEcoName("办公费")
                .payBankCode("999100000001")
                .payBankName("DEMO-ISO")
                .payAcctNo("9558800000000001")
                .payAcctName("湖北省财政厅零余额账户")
                .payAcctBankName("DEMO-ISO")
                .payAmt(new BigDecimal("1500.50"))
                .details(List.of(
                        detail("HB2026112700001-1", "1000.25").build(),
                        detail("HB2026112700001-2", "500.25").payeeAcctNo("6222029876543210").payeeAcctName("李堃").build()));
    }

    /** The body the envelope would carry for {@code v}, placed as body 1. */
    static VoucherBody body(PaymentVoucher v, int flag) {
        return VoucherBody.of(v, flag, null).withIndex(1);
    }

    /** A body carrying hand-written inner XML (for text the model cannot hold, e.g. a bad date). */
    static VoucherBody bodyWithXml(String innerXml) {
        return new VoucherBody(1, "420000", "2026", "5201", "HB2026112700001", 0, null, "", innerXml.getBytes(GBK),
                List.of(), List.of());
    }

    static VoucherReadResult readBack(PaymentVoucher v) {
        return new PaymentVoucherReader().read(body(v, VoucherBody.FLAG_ORIGINAL));
    }

    static byte[] resource(String path) {
        try (InputStream in = TestVouchers.class.getResourceAsStream("/fiscal/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource fiscal/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> codes(List<org.jincai.formats.Problem> problems) {
        return problems.stream().map(org.jincai.formats.Problem::code).toList();
    }

    /**
     * The code a file of a malformed corpus fails with: {@code expectedCode} when reading it reports that
     * problem among the envelope's and the vouchers' errors ({@code read} gives them), else what it reported
     * instead; the exception's code when the envelope cannot be read at all.
     */
    static String failureCode(String expectedCode, Supplier<Stream<Problem>> read) {
        try {
            List<Problem> problems = read.get().toList();
            return problems.stream().map(Problem::code).filter(expectedCode::equals).findFirst()
                    .orElse("valid, or other problems: " + problems);
        } catch (FormatException e) {
            return e.code();
        }
    }
}
