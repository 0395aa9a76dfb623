package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.resource;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code malformed/} corpus of every type beyond the payments: {@code fiscal/malformed/<VtCode>/}, one
 * real GBK envelope per broken rule, and {@code expected.tsv} naming the code each must fail with. Read
 * with {@link FiscalEnvelopes#read}, every file fails with its code and never with another exception.
 * The files are the golden fixtures with one thing broken; {@code -Djincai.fiscal.regenerateCorpus=true}
 * rewrites them from the cases below.
 */
class TypesMalformedCorpusTest {

    private static final Path SOURCE = Path.of("src/test/resources/fiscal/malformed");

    /** One broken file: the fixture (original or receipt) with its inner voucher text changed. */
    record Case(String file, String code, boolean receipt, UnaryOperator<String> inner) {
    }

    private static Case original(String file, String code, UnaryOperator<String> inner) {
        return new Case(file, code, false, inner);
    }

    private static Case receipt(String file, String code, UnaryOperator<String> inner) {
        return new Case(file, code, true, inner);
    }

    private static UnaryOperator<String> replace(String from, String to) {
        return s -> {
            if (!s.contains(from)) {
                throw new IllegalStateException("the fixture has no '" + from + "'");
            }
            return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        };
    }

    private static UnaryOperator<String> drop(String tag) {
        return s -> {
            String out = s.replaceFirst("<" + tag + ">[^<]*</" + tag + ">\n", "");
            if (out.equals(s)) {
                throw new IllegalStateException("the fixture has no " + tag);
            }
            return out;
        };
    }

    private static final String XXE = "<!DOCTYPE Voucher [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
    private static final String LAUGHS = "<!DOCTYPE Voucher [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n";

    /** Cases every type has. */
    private static List<Case> common(VoucherType type, String requiredTag) {
        String total = type.totals().get(0).headerTag();
        return List.of(
                original("inner-doctype-xxe.xml", FiscalCodes.DOCTYPE_NOT_ALLOWED,
                        s -> s.replace("?>\n<Voucher>", "?>\n" + XXE + "<Voucher>").replaceFirst("<VoucherNo>", "$0&xxe;")),
                original("inner-billion-laughs.xml", FiscalCodes.DOCTYPE_NOT_ALLOWED,
                        s -> s.replace("?>\n<Voucher>", "?>\n" + LAUGHS + "<Voucher>").replaceFirst("<VoucherNo>", "$0&d;")),
                original("inner-not-well-formed.xml", FiscalCodes.XML_NOT_WELL_FORMED, replace("</DetailList>", "</Detail-List>")),
                original("bad-date.xml", FiscalCodes.BAD_DATE, replace("<VouDate>20261127</VouDate>", "<VouDate>20261131</VouDate>")),
                original("bad-amount.xml", FiscalCodes.BAD_AMOUNT, s -> s.replaceFirst("<" + total + ">(?<v>[^<]*)</" + total + ">",
                        "<" + total + ">${v}1</" + total + ">")),
                original("missing-" + requiredTag.toLowerCase() + ".xml", FiscalCodes.MISSING_FIELD, drop(requiredTag)),
                original("detail-id-duplicate.xml", FiscalCodes.DETAIL_ID_DUPLICATE,
                        s -> s.replaceFirst("(?s)(<Detail>\n.*?</Detail>\n)", "$1$1")),
                original("vt-code-of-another-family.xml", FiscalCodes.UNSUPPORTED_VT_CODE,
                        replace("<VtCode>" + type.vtCode() + "</VtCode>", "<VtCode>5201</VtCode>")),
                original("envelope-voucher-no-mismatch.xml", FiscalCodes.ENVELOPE_FIELD_MISMATCH,
                        s -> s.replaceFirst("<VoucherNo>([^<]*)</VoucherNo>", "<VoucherNo>$1X</VoucherNo>")),
                original("total-mismatch.xml", type.totals().get(0).code(), s -> s.replaceFirst("<" + total + ">([0-9-]+)\\.([0-9]{2})</" + total + ">",
                        "<" + total + ">$1.99</" + total + ">")));
    }

    static Map<VoucherType, List<Case>> cases() {
        Map<VoucherType, List<Case>> all = new LinkedHashMap<>();
        List<Case> batch = new ArrayList<>(common(VoucherTypes.BATCH_PAYMENT_DETAIL, "OriginalVoucherNo"));
        batch.add(original("batch-line-without-bank-no.xml", FiscalCodes.PAYEE_BANK_NO_MISSING,
                s -> replace("<BusinessTypeCode>3</BusinessTypeCode>", "<BusinessTypeCode>4</BusinessTypeCode>")
                        .apply(s).replaceFirst("<PayeeAcctBankNo>[^<]*</PayeeAcctBankNo>\n", "")));
        batch.add(original("no-details.xml", FiscalCodes.DETAIL_LIST_EMPTY, s -> s.replaceAll("(?s)<DetailList>.*</DetailList>\n", "")));
        batch.add(original("original-vt-code-not-digits.xml", FiscalCodes.FIELD_FORMAT, replace("<OriginalVtCode>8202<", "<OriginalVtCode>82O2<")));
        batch.add(original("negative-line.xml", FiscalCodes.NON_POSITIVE_AMOUNT, replace("<PayAmt>12000.00<", "<PayAmt>-12000.00<")));
        batch.add(receipt("receipt-x-sum-mismatch.xml", FiscalCodes.X_SUM_AMT_MISMATCH, replace("<XSumAmt>52000.00<", "<XSumAmt>60531.20<")));
        batch.add(receipt("receipt-failed-line-without-reason.xml", FiscalCodes.RECEIPT_FIELD_MISSING,
                s -> drop("XAddWord").apply(drop("XAddWordCode").apply(s))));
        batch.add(receipt("receipt-without-x-pay-date.xml", FiscalCodes.RECEIPT_FIELD_MISSING, s -> s.replaceFirst("(?s)<XPayDate>20261128</XPayDate>\n(?=<XSumAmt>)", "")));
        all.put(VoucherTypes.BATCH_PAYMENT_DETAIL, batch);

        for (VoucherType quota : List.of(VoucherTypes.AUTHORIZED_CLEARING_QUOTA, VoucherTypes.DIRECT_CLEARING_QUOTA)) {
            List<Case> q = new ArrayList<>(common(quota, "TreCode"));
            q.add(original("dept-num-mismatch.xml", FiscalCodes.DEPT_NUM_MISMATCH, replace("<DeptNum>2<", "<DeptNum>3<")));
            q.add(original("set-month-13.xml", FiscalCodes.FIELD_FORMAT, replace("<SetMonth>11<", "<SetMonth>13<")));
            q.add(original("line-without-sup-dep.xml", FiscalCodes.MISSING_FIELD, drop("SupDepCode")));
            all.put(quota, q);
        }
        all.get(VoucherTypes.AUTHORIZED_CLEARING_QUOTA).add(original("zero-amount-single-line.xml", FiscalCodes.ZERO_AMOUNT_SINGLE_DETAIL,
                s -> s.replaceFirst("(?s)</Detail>\n<Detail>.*</Detail>\n</DetailList>", "</Detail>\n</DetailList>")
                        .replace("<PlanAmt>780000.00</PlanAmt>", "<PlanAmt>0.00</PlanAmt>")
                        .replace("<PlanAmt>500000.00</PlanAmt>", "<PlanAmt>0.00</PlanAmt>")
                        .replace("<DeptNum>2</DeptNum>", "<DeptNum>1</DeptNum>")));

        for (VoucherType clearing : List.of(VoucherTypes.CLEARING_REQUEST, VoucherTypes.REFUND_CLEARING_REQUEST)) {
            List<Case> c = new ArrayList<>(common(clearing, "ClearAcctNo"));
            c.add(original("all-num-mismatch.xml", FiscalCodes.ALL_NUM_MISMATCH, s -> s.replaceFirst("<AllNum>[0-9]+<", "<AllNum>7<")));
            c.add(receipt("receipt-without-x-clear-date.xml", FiscalCodes.RECEIPT_FIELD_MISSING, drop("XClearDate")));
            c.add(receipt("receipt-zero-without-reason.xml", FiscalCodes.RECEIPT_FIELD_MISSING,
                    s -> drop("XAddWord").apply(s).replaceFirst("<XPayAmt>[^<]*</XPayAmt>", "<XPayAmt>0.00</XPayAmt>")));
            all.put(clearing, c);
        }
        all.get(VoucherTypes.CLEARING_REQUEST).add(original("negative-amount.xml", FiscalCodes.NON_POSITIVE_AMOUNT,
                s -> s.replace("<PayAmt>87169.74</PayAmt>", "<PayAmt>-87169.74</PayAmt>")
                        .replace("<PayAmt>183980.42</PayAmt>", "<PayAmt>9641.94</PayAmt>")));
        all.get(VoucherTypes.REFUND_CLEARING_REQUEST).add(original("missing-tklx.xml", FiscalCodes.MISSING_FIELD, drop("TKLX")));

        for (VoucherType refund : List.of(VoucherTypes.DIRECT_REFUND_NOTICE, VoucherTypes.PAYEE_BANK_REFUND_NOTICE)) {
            List<Case> r = new ArrayList<>(common(refund, "ReturnReasonName"));
            r.add(original("missing-original-voucher-no.xml", FiscalCodes.MISSING_FIELD, drop("OriginalVoucherNo")));
            r.add(original("header-only-without-payee.xml", FiscalCodes.MISSING_FIELD,
                    s -> drop("PayeeAcctName").apply(s.replaceAll("(?s)<DetailList>.*</DetailList>\n", ""))));
            r.add(receipt("receipt-without-x-agent-business-no.xml", FiscalCodes.RECEIPT_FIELD_MISSING, drop("XAgentBusinessNo")));
            r.add(receipt("receipt-negative-x-pay-amt.xml", FiscalCodes.NEGATIVE_AMOUNT, replace("<XPayAmt>2000.00<", "<XPayAmt>-2000.00<")));
            all.put(refund, r);
        }
        return all;
    }

    private static byte[] envelope(VoucherType type, Case c) {
        FiscalVoucher v = (c.receipt() ? TypeFixtures.receipt(type) : TypeFixtures.valid(type)).build();
        String inner = c.inner().apply(new String(new FiscalVoucherWriter().write(v), GBK));
        VoucherBody body = new VoucherBody(0, v.admDivCode(), v.stYear(), v.vtCode(), v.voucherNo(),
                c.receipt() ? VoucherBody.FLAG_RECEIPT : VoucherBody.FLAG_ORIGINAL, null, "", inner.getBytes(GBK), List.of(), List.of());
        return new MofEnvelopeWriter().toBytes(List.of(body));
    }

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (VoucherType type : TypeFixtures.newTypes()) {
            for (Map.Entry<String, String> e : expected(type).entrySet()) {
                out.add(Arguments.of(type.vtCode(), e.getKey(), e.getValue()));
            }
        }
        return out.stream();
    }

    private static Map<String, String> expected(VoucherType type) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        String index = new String(resource("malformed/" + type.vtCode() + "/expected.tsv"), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cells = line.split("\t");
                expected.put(cells[0], cells[1]);
            }
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @MethodSource("corpus")
    void failsWithItsExpectedCode(String vtCode, String file, String expectedCode) {
        byte[] bytes = resource("malformed/" + vtCode + "/" + file);
        String code = TestVouchers.failureCode(expectedCode, () -> {
            FiscalEnvelopeReadResult r = FiscalEnvelopes.read(new ByteArrayInputStream(bytes), file);
            return Stream.concat(r.envelopeErrors().stream(), r.vouchers().stream().flatMap(v -> v.errors().stream()));
        });
        assertThat(code).isEqualTo(expectedCode);
    }

    @Test
    void everyFileOfEachCorpusIsListedWithItsCode() throws IOException, URISyntaxException {
        if (Boolean.getBoolean("jincai.fiscal.regenerateCorpus")) {
            for (Map.Entry<VoucherType, List<Case>> e : cases().entrySet()) {
                Path dir = SOURCE.resolve(e.getKey().vtCode());
                Files.createDirectories(dir);
                StringBuilder index = new StringBuilder("# file\texpected code (TypesMalformedCorpusTest)\n");
                for (Case c : e.getValue()) {
                    Files.write(dir.resolve(c.file()), envelope(e.getKey(), c));
                    index.append(c.file()).append('\t').append(c.code()).append('\n');
                }
                Files.writeString(dir.resolve("expected.tsv"), index.toString(), StandardCharsets.UTF_8);
            }
        }
        for (VoucherType type : TypeFixtures.newTypes()) {
            File dir = new File(Objects.requireNonNull(getClass().getResource("/fiscal/malformed/" + type.vtCode())).toURI());
            List<String> files = new ArrayList<>(Arrays.asList(Objects.requireNonNull(dir.list())));
            files.remove("expected.tsv");
            assertThat(files).as(type.vtCode()).containsExactlyInAnyOrderElementsOf(expected(type).keySet());
            assertThat(expected(type).keySet()).as(type.vtCode())
                    .containsExactlyInAnyOrderElementsOf(cases().get(type).stream().map(Case::file).toList());
        }
    }
}
