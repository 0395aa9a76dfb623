package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's field checks under fire: thousands of envelopes of every type mutated at random — a field grown
 * past its limit, dropped, doubled, given odd characters (path parts, quotes, control characters, emoji,
 * full-width digits, exponents, huge amounts), the inner voucher re-encoded in UTF-8 with or without saying
 * so, an envelope attribute changed. Every voucher is either refused with codes of {@link FiscalCodes} or
 * accepted with every value within its declared limit and syntax — and a payment within the database columns
 * the intake stores it in; nothing ever ends in another exception.
 */
class FieldLimitFuzzTest {

    private static final long SEED = 0x15_07_2026L;
    private static final int ENVELOPES = 3000;
    private static final Charset GBK = Charset.forName("GBK");
    private static final Pattern LEAF = Pattern.compile("<([A-Za-z][A-Za-z0-9_]*)>([^<]*)</\\1>");
    private static final Pattern VOUCHER_TEXT = Pattern.compile("<Voucher>([^<]+)</Voucher>");
    private static final String[] ODD = {
        "../../etc/pw1", "a'b\"c", "\u0001", "x\ty", "line\nbreak", "😀", "１２３", "-1.005", "1e5", " 12 ", "0", "0.000",
        "99999999999999999.99", "12345678901234.00", "-0.00", "2014-06-30 15:20:01", "2026-02-30", "20261301", "张三",
        "<", "&amp;", "\uFFFD", "DROP TABLE voucher;", "4200000000", "42000", "5201 ", "٣"};
    private static final List<String> BASES = List.of(
            "/fiscal/mof-envelope-5201-8202.xml",
            "/fiscal/golden/8207-batch-payment-detail.xml",
            "/fiscal/golden/5106-authorized-clearing-quota.xml",
            "/fiscal/golden/5108-direct-clearing-quota.xml",
            "/fiscal/golden/2301-clearing-request.xml",
            "/fiscal/golden/2302-refund-clearing-request.xml",
            "/fiscal/golden/2203-direct-refund-notice.xml",
            "/fiscal/golden/2252-payee-bank-refund-notice.xml",
            "/fiscal/conformance/mof-8207-2014-habits.xml",
            "/fiscal/conformance/mof-5214-signed-sha1.xml");

    private final Random random = new Random(SEED);

    @Test
    void everyMutatedVoucherIsRefusedWithCodesOrAcceptedWithinItsLimits() {
        Set<String> known = knownCodes();
        List<String> bases = BASES.stream().map(b -> new String(resource(b), GBK)).toList();
        int accepted = 0;
        int refused = 0;
        for (int n = 0; n < ENVELOPES; n++) {
            byte[] envelope = mutate(bases.get(random.nextInt(bases.size())));
            String at = "envelope #" + n;
            try {
                FiscalEnvelopeReadResult all = FiscalEnvelopes.read(new ByteArrayInputStream(envelope), at);
                EnvelopeReadResult payments = FiscalEnvelopes.readPayments(new ByteArrayInputStream(envelope), at);
                for (FiscalReadResult r : all.vouchers()) {
                    if (r.valid()) {
                        accepted++;
                        withinLimits(r, at);
                    } else {
                        refused++;
                        assertThat(r.errors()).as(at).allSatisfy(p -> assertThat(known).contains(p.code()));
                    }
                }
                for (VoucherReadResult r : payments.vouchers()) {
                    if (r.valid()) {
                        fitsTheDatabase(r.body(), r.voucher(), at);
                    }
                }
            } catch (FormatException e) {
                assertThat(known).as(at).contains(e.code());
            } catch (RuntimeException e) {
                fail(at + " ended in " + e + "\n" + new String(envelope, GBK), e);
            }
        }
        assertThat(accepted).as("some mutations leave a valid voucher").isPositive();
        assertThat(refused).as("most mutations are refused").isGreaterThan(ENVELOPES / 2);
    }

    private byte[] mutate(String envelope) {
        Matcher m = VOUCHER_TEXT.matcher(envelope);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        if (random.nextInt(10) == 0) {
            return attribute(envelope).getBytes(GBK);
        }
        String inner = new String(Base64.getMimeDecoder().decode(envelope.substring(span[0], span[1])), GBK);
        String mutated = field(inner);
        byte[] bytes;
        int encoding = random.nextInt(8);
        if (encoding == 0) {
            bytes = mutated.replace("encoding=\"GBK\"", "encoding=\"UTF-8\"").getBytes(StandardCharsets.UTF_8);
        } else if (encoding == 1 || !GBK.newEncoder().canEncode(mutated)) {
            bytes = mutated.getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = mutated.getBytes(GBK);
        }
        return (envelope.substring(0, span[0]) + Base64.getEncoder().encodeToString(bytes) + envelope.substring(span[1])).getBytes(GBK);
    }

    private String field(String inner) {
        Matcher m = LEAF.matcher(inner);
        List<MatchResult> leaves = new ArrayList<>();
        while (m.find()) {
            leaves.add(new MatchResult(m.start(), m.end(), m.group(1), m.group(2)));
        }
        MatchResult leaf = leaves.get(random.nextInt(leaves.size()));
        String replacement = switch (random.nextInt(5)) {
            case 0 -> element(leaf.tag(), grow(leaf.value()));
            case 1 -> "";
            case 2 -> element(leaf.tag(), escape(ODD[random.nextInt(ODD.length)]));
            case 3 -> element(leaf.tag(), leaf.value()) + element(leaf.tag(), leaf.value());
            default -> element(leaf.tag(), escape(leaf.value() + ODD[random.nextInt(ODD.length)]));
        };
        return inner.substring(0, leaf.start()) + replacement + inner.substring(leaf.end());
    }

    private String attribute(String envelope) {
        String[] attributes = {"AdmDivCode", "StYear", "VtCode", "VoucherNo"};
        String name = attributes[random.nextInt(attributes.length)];
        return envelope.replaceFirst(name + "=\"[^\"]*\"", name + "=\"" + escapeAttribute(random.nextBoolean()
                ? ODD[random.nextInt(ODD.length)] : "X".repeat(30 + random.nextInt(60))) + "\"");
    }

    private String grow(String value) {
        String unit = value.isEmpty() ? "张" : value;
        StringBuilder sb = new StringBuilder(value);
        int target = 20 + random.nextInt(400);
        while (sb.length() < target) {
            sb.append(random.nextBoolean() ? unit : "9");
        }
        return sb.toString();
    }

    private record MatchResult(int start, int end, String tag, String value) {
    }

    private static String element(String tag, String value) {
        return "<" + tag + ">" + value + "</" + tag + ">";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\u0001", "&#1;");
    }

    private static String escapeAttribute(String s) {
        return escape(s).replace("\"", "&quot;").replace("\u0001", "");
    }

    /** Every value of an accepted voucher within its field's declared limit and syntax. */
    private static void withinLimits(FiscalReadResult r, String at) {
        FiscalVoucher v = r.voucher();
        VoucherType type = v.type();
        values(type.header(), type.carriedHeader(), v, at);
        for (FiscalDetail d : v.details()) {
            values(type.detail(), type.carriedDetail(), d, at);
        }
    }

    private static void values(List<FieldDef> table, Map<String, FieldDef> carried, FiscalFields fields, String at) {
        for (FieldDef f : table) {
            Object value = fields.values().get(f.tag());
            if (value instanceof String s) {
                assertThat(f.limit().check(s)).as("%s %s '%s'", at, f.tag(), s).isNull();
                assertThat(f.matchesFormat(s)).as("%s %s '%s'", at, f.tag(), s).isTrue();
            } else if (value instanceof BigDecimal a) {
                assertThat(a.scale()).as("%s %s", at, f.tag()).isEqualTo(2);
                assertThat(FieldLimit.amountFits(a)).as("%s %s", at, f.tag()).isTrue();
            } else if (value != null) {
                assertThat(value).isInstanceOf(LocalDate.class);
            }
        }
        fields.otherFields().forEach((tag, text) -> {
            FieldDef f = carried.getOrDefault(tag, FieldDef.text(tag));
            if (f.kind() == FieldKind.TEXT) {
                assertThat(f.limit().check(text)).as("%s %s '%s'", at, tag, text).isNull();
            }
        });
    }

    /** The columns of V1__payments.sql the intake writes an accepted payment voucher into. */
    private static void fitsTheDatabase(VoucherBody body, PaymentVoucher v, String at) {
        fits(at, "voucher.adm_div_code", body.admDivCode(), 9);
        fits(at, "voucher.st_year", body.stYear(), 4);
        fits(at, "voucher.vt_code", body.vtCode(), 4);
        fits(at, "voucher.voucher_no", body.voucherNo(), 40);
        fits(at, "voucher.agency_code", v.agencyCode(), 30);
        fits(at, "voucher.agency_name", v.agencyName(), 200);
        fits(at, "voucher.pay_bank_code", v.payBankCode(), 20);
        fits(at, "voucher.pay_acct_no", v.payAcctNo(), 40);
        fits(at, "voucher.pay_acct_name", v.payAcctName(), 200);
        assertThat(v.payBankCode()).as(at + " pay_bank_code NOT NULL").isNotBlank();
        assertThat(v.payAmt().precision() - v.payAmt().scale()).as(at + " pay_amt NUMERIC(18,2)").isLessThanOrEqualTo(16);
        if (v.details().isEmpty()) {
            fits(at, "payment.payee_acct_no", v.payeeAcctNo(), 40);
            fits(at, "payment.payee_acct_name", v.payeeAcctName(), 200);
            fits(at, "payment.payee_bank_name", v.payeeAcctBankName(), 200);
            fits(at, "payment.payee_bank_no", v.payeeAcctBankNo(), 20);
        }
        for (VoucherDetail d : v.details()) {
            fits(at, "payment.detail_id", d.id(), 64);
            fits(at, "payment.payee_acct_no", d.payeeAcctNo(), 40);
            fits(at, "payment.payee_acct_name", d.payeeAcctName(), 200);
            fits(at, "payment.payee_bank_name", d.payeeAcctBankName(), 200);
            fits(at, "payment.payee_bank_no", d.payeeAcctBankNo(), 20);
        }
    }

    private static void fits(String at, String column, String value, int length) {
        if (value != null) {
            assertThat(value.codePointCount(0, value.length())).as("%s %s '%s'", at, column, value).isLessThanOrEqualTo(length);
        }
    }

    private static Set<String> knownCodes() {
        Set<String> codes = new HashSet<>();
        for (Field f : FiscalCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    codes.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return codes;
    }

    private static byte[] resource(String name) {
        try (InputStream in = FieldLimitFuzzTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
