package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.internal.FieldSpec;
import org.jincai.formats.fiscal.internal.FiscalText;
import org.jincai.formats.fiscal.internal.Locations;
import org.jincai.formats.fiscal.internal.ProblemCollector;
import org.jincai.formats.fiscal.internal.RawVoucher;
import org.jincai.formats.fiscal.internal.VoucherFields;
import org.jincai.formats.fiscal.internal.XmlProlog;

/**
 * Reads the inner payment voucher of one envelope body and checks it. The bytes are decoded in the
 * charset their XML declaration names, GBK when there is none (GB2312 is read as GBK, its superset), and a
 * byte sequence invalid in that charset is refused (VOUCHER_ENCODING_INVALID) rather than turned into
 * replacement characters inside a payee name. Parsing goes through the secure parser: a DTD in the inner
 * voucher is DOCTYPE_NOT_ALLOWED for that voucher.
 *
 * <p>Every field is read even when others are wrong, so one pass reports all of a voucher's problems; the
 * rules are those of {@link PaymentVoucherValidator}. Legacy ExpEcoCode / ExpEcoName are read into
 * DepExpEcoCode / DepExpEcoName (standard §11.3) with a LEGACY_FIELD_MAPPED warning.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class PaymentVoucherReader {

    private final FiscalReadOptions options;
    private final PaymentVoucherValidator validator;

    public PaymentVoucherReader() {
        this(FiscalReadOptions.defaults());
    }

    public PaymentVoucherReader(FiscalReadOptions options) {
        this.options = options;
        this.validator = new PaymentVoucherValidator(options);
    }

    public VoucherReadResult read(VoucherBody body) {
        ProblemCollector problems = new ProblemCollector(options);
        String where = Locations.voucher(body.location(), body.voucherNo(), null);
        if (body.vtCode() != null && !options.paymentVtCodes().contains(body.vtCode())) {
            // another voucher type (a quota notice, a clearing request) is not read as a payment at all
            problems.add(FiscalCodes.UNSUPPORTED_VT_CODE,
                    "VtCode " + body.vtCode() + " is not a payment voucher type " + options.paymentVtCodes(), Locations.field(where, "VtCode"));
            return result(body, null, problems);
        }
        byte[] xml = body.voucherXmlUnshared();
        if (xml.length == 0) {
            problems.add(FiscalCodes.VOUCHER_MISSING, "the envelope body carries no voucher", where);
            return result(body, null, problems);
        }
        RawVoucher raw;
        try {
            raw = parse(xml, where, problems);
        } catch (FormatException e) {
            problems.add(Problem.of(e.code(), e.problem().message(), where));
            return result(body, null, problems);
        }
        if (raw == null) {
            return result(body, null, problems);
        }
        where = Locations.voucher(body.location(), body.voucherNo(), raw.header().values().get("VoucherNo"));
        Set<String> unreadable = new HashSet<>();
        PaymentVoucher voucher = toVoucher(raw, where, problems, unreadable);
        for (Problem p : validator.validate(body, voucher)) {
            // a field already reported as BAD_DATE / BAD_AMOUNT is not also "missing"
            boolean alreadyReported = unreadable.contains(p.location())
                    && (p.code().equals(FiscalCodes.MISSING_FIELD) || p.code().equals(FiscalCodes.RECEIPT_FIELD_MISSING));
            if (!alreadyReported) {
                problems.add(p);
            }
        }
        return result(body, voucher, problems);
    }

    private static VoucherReadResult result(VoucherBody body, PaymentVoucher voucher, ProblemCollector problems) {
        return new VoucherReadResult(body, voucher, problems.errors(), problems.warnings());
    }

    /** Checks the charset strictly, then parses; {@code null} (with a problem) when the bytes are not text. */
    private static RawVoucher parse(byte[] xml, String where, ProblemCollector problems) {
        XmlProlog prolog = XmlProlog.of(xml);
        Charset charset;
        try {
            charset = Charset.forName(prolog.effectiveEncoding());
        } catch (IllegalArgumentException e) {
            problems.add(FiscalCodes.VOUCHER_ENCODING_INVALID, "unknown encoding '" + prolog.effectiveEncoding() + "'", where);
            return null;
        }
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(xml));
        } catch (CharacterCodingException e) {
            problems.add(FiscalCodes.VOUCHER_ENCODING_INVALID, "the voucher bytes are not valid " + charset.name() + ": " + e, where);
            return null;
        }
        if (!prolog.isGbkFamily()) {
            problems.add(FiscalCodes.VOUCHER_ENCODING_NOT_GBK, "the voucher declares " + prolog.declaredEncoding() + ", not GBK", where);
        }
        return RawVoucher.parse(prolog.forParser(xml), where);
    }

    private static PaymentVoucher toVoucher(RawVoucher raw, String where, ProblemCollector problems, Set<String> unreadable) {
        RawVoucher.Fields header = raw.header();
        structure(header, where, problems);
        Map<String, String> values = new LinkedHashMap<>(header.values());
        legacy(values, where, problems);
        PaymentVoucher.Builder b = PaymentVoucher.builder();
        convert(VoucherFields.HEADER, values, b, where, problems, unreadable);
        b.otherFields(nonEmpty(values));
        int position = 0;
        for (RawVoucher.Fields d : raw.details()) {
            position++;
            String at = Locations.detail(where, d.values().get("Id"), position);
            structure(d, at, problems);
            Map<String, String> dv = new LinkedHashMap<>(d.values());
            legacy(dv, at, problems);
            VoucherDetail.Builder db = VoucherDetail.builder();
            convert(VoucherFields.DETAIL_FIELDS, dv, db, at, problems, unreadable);
            db.otherFields(nonEmpty(dv));
            b.addDetail(db.build());
        }
        return b.build();
    }

    private static void structure(RawVoucher.Fields fields, String at, ProblemCollector problems) {
        for (String tag : fields.repeated()) {
            problems.add(FiscalCodes.FIELD_REPEATED, tag + " occurs more than once; the first is used", Locations.field(at, tag));
        }
        for (String tag : fields.complex()) {
            problems.add(FiscalCodes.UNSUPPORTED_ELEMENT, tag + " has child elements where a value belongs; skipped", Locations.field(at, tag));
        }
    }

    /** Pre-2018 vouchers carry one economic classification, ExpEco*, which is today's DepExpEco*. */
    private static void legacy(Map<String, String> values, String at, ProblemCollector problems) {
        legacy(values, VoucherFields.LEGACY_EXP_ECO_CODE, "DepExpEcoCode", at, problems);
        legacy(values, VoucherFields.LEGACY_EXP_ECO_NAME, "DepExpEcoName", at, problems);
    }

    private static void legacy(Map<String, String> values, String legacyTag, String tag, String at, ProblemCollector problems) {
        if (values.containsKey(legacyTag) && !values.containsKey(tag)) {
            values.put(tag, values.remove(legacyTag));
            problems.add(FiscalCodes.LEGACY_FIELD_MAPPED, legacyTag + " read as " + tag, Locations.field(at, legacyTag));
        }
    }

    private static <B> void convert(List<? extends FieldSpec<?, B>> fields, Map<String, String> values, B builder,
            String at, ProblemCollector problems, Set<String> unreadable) {
        for (FieldSpec<?, B> f : fields) {
            String text = values.remove(f.tag());
            if (text == null || text.isEmpty()) {
                continue;
            }
            String fieldAt = Locations.field(at, f.tag());
            Object value = switch (f.kind()) {
                case TEXT -> text;
                case DATE -> {
                    LocalDate d = FiscalText.parseDate(text);
                    if (d == null) {
                        problems.add(FiscalCodes.BAD_DATE, f.tag() + " '" + text + "' is not a yyyyMMdd date", fieldAt);
                        unreadable.add(fieldAt);
                    }
                    yield d;
                }
                case AMOUNT -> {
                    BigDecimal a = FiscalText.parseAmount(text);
                    if (a == null) {
                        problems.add(FiscalCodes.BAD_AMOUNT, f.tag() + " '" + text + "' is not an amount", fieldAt);
                        unreadable.add(fieldAt);
                    }
                    yield a;
                }
            };
            f.setter().accept(builder, value);
        }
    }

    private static Map<String, String> nonEmpty(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v);
            }
        });
        return out;
    }
}
