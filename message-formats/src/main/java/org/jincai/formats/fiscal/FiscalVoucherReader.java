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
import org.jincai.formats.fiscal.internal.FiscalText;
import org.jincai.formats.fiscal.internal.Locations;
import org.jincai.formats.fiscal.internal.ProblemCollector;
import org.jincai.formats.fiscal.internal.RawVoucher;
import org.jincai.formats.fiscal.internal.XmlProlog;

/**
 * Reads the inner voucher of one envelope body, of any type the options support, and checks it. The type
 * is the envelope's VtCode (the voucher's own when the envelope names none); its {@link VoucherType} tables
 * drive the conversion of every tag, and {@link FiscalVoucherValidator} its rules.
 *
 * <p>The bytes are decoded in the charset their XML declaration names, GBK when there is none (GB2312 is
 * read as GBK, its superset), and a byte sequence invalid in that charset is refused
 * (VOUCHER_ENCODING_INVALID) rather than turned into replacement characters inside a payee name. Parsing
 * goes through the secure parser: a DTD in the inner voucher is DOCTYPE_NOT_ALLOWED for that voucher. In
 * strict mode the bytes are also validated against the hub's XSD of the family (XSD_INVALID); with a
 * signature verifier configured, the body's signatures are verified over the bytes.
 *
 * <p>Every field is read even when others are wrong, so one pass reports all of a voucher's problems. Tags
 * the type's table does not know are kept (and written back); legacy or misspelt tags listed in
 * {@link VoucherType#aliases()} are read as the modern tag with a LEGACY_FIELD_MAPPED warning.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class FiscalVoucherReader {

    private final FiscalReadOptions options;
    private final FiscalVoucherValidator validator;

    public FiscalVoucherReader() {
        this(FiscalReadOptions.defaults());
    }

    public FiscalVoucherReader(FiscalReadOptions options) {
        this.options = options;
        this.validator = new FiscalVoucherValidator(options);
    }

    /** Reads the body as the type of its VtCode; UNSUPPORTED_VT_CODE (and no voucher) when there is none. */
    public FiscalReadResult read(VoucherBody body) {
        if (body.vtCode() != null) {
            VoucherType type = options.typeOf(body.vtCode());
            if (type == null) {
                ProblemCollector problems = new ProblemCollector(options);
                String where = Locations.voucher(body.location(), body.voucherNo(), null);
                problems.add(FiscalCodes.UNSUPPORTED_VT_CODE, "VtCode " + body.vtCode() + " is not a supported voucher type "
                        + options.voucherTypes().all().stream().map(VoucherType::vtCode).toList(), Locations.field(where, "VtCode"));
                return result(body, null, problems);
            }
            return readAs(body, type);
        }
        return readAs(body, null);
    }

    /**
     * Reads the body with the tables of {@code type}; {@code null} takes the type from the voucher's own
     * VtCode once parsed.
     */
    FiscalReadResult readAs(VoucherBody body, VoucherType type) {
        ProblemCollector problems = new ProblemCollector(options);
        String where = Locations.voucher(body.location(), body.voucherNo(), null);
        byte[] xml = body.voucherXmlUnshared();
        if (xml.length == 0) {
            problems.add(FiscalCodes.VOUCHER_MISSING, "the envelope body carries no voucher", where);
            return result(body, null, problems);
        }
        if (options.signatureVerifier() != null) {
            problems.addAll(FiscalSignatures.verify(body, options.signatureVerifier()));
        }
        XmlProlog prolog = XmlProlog.of(xml);
        RawVoucher raw;
        try {
            raw = parse(xml, prolog, where, problems);
        } catch (FormatException e) {
            problems.add(Problem.of(e.code(), e.problem().message(), where));
            return result(body, null, problems);
        }
        if (raw == null) {
            return result(body, null, problems);
        }
        where = Locations.voucher(body.location(), body.voucherNo(), raw.header().values().get(FiscalVoucher.VOUCHER_NO));
        if (type == null) {
            String inner = raw.header().values().get(FiscalVoucher.VT_CODE);
            type = options.typeOf(inner);
            if (type == null) {
                problems.add(FiscalCodes.UNSUPPORTED_VT_CODE, "VtCode " + inner + " is not a supported voucher type",
                        Locations.field(where, FiscalVoucher.VT_CODE));
                return result(body, null, problems);
            }
        }
        if (options.strictSchema() && type.schema() != null) {
            problems.addAll(FiscalSchemas.validate(xml, type, where));
        }
        Set<String> unreadable = new HashSet<>();
        FiscalVoucher voucher = toVoucher(raw, type, where, problems, unreadable);
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

    private static FiscalReadResult result(VoucherBody body, FiscalVoucher voucher, ProblemCollector problems) {
        return new FiscalReadResult(body, voucher, problems.errors(), problems.warnings());
    }

    /** Checks the charset strictly, then parses; {@code null} (with a problem) when the bytes are not text. */
    private static RawVoucher parse(byte[] xml, XmlProlog prolog, String where, ProblemCollector problems) {
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

    private static FiscalVoucher toVoucher(RawVoucher raw, VoucherType type, String where, ProblemCollector problems,
            Set<String> unreadable) {
        RawVoucher.Fields header = raw.header();
        structure(header, where, problems);
        Map<String, String> values = new LinkedHashMap<>(header.values());
        aliases(type, type.headerTable(), values, where, problems);
        FiscalVoucher.Builder b = FiscalVoucher.builder(type);
        convert(type.header(), values, b::set, where, problems, unreadable);
        b.otherFields(nonEmpty(values));
        int position = 0;
        for (RawVoucher.Fields d : raw.details()) {
            position++;
            String at = Locations.detail(where, d.values().get(FiscalVoucher.ID), position);
            structure(d, at, problems);
            Map<String, String> dv = new LinkedHashMap<>(d.values());
            aliases(type, type.detailTable(), dv, at, problems);
            FiscalDetail.Builder db = FiscalDetail.builder(type);
            convert(type.detail(), dv, db::set, at, problems, unreadable);
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

    /** A legacy tag is read as its modern tag when that tag is in the table and not also present. */
    private static void aliases(VoucherType type, Map<String, FieldDef> table, Map<String, String> values, String at,
            ProblemCollector problems) {
        for (Map.Entry<String, String> alias : type.aliases().entrySet()) {
            String legacy = alias.getKey();
            String tag = alias.getValue();
            if (table.containsKey(tag) && values.containsKey(legacy) && !values.containsKey(tag)) {
                values.put(tag, values.remove(legacy));
                problems.add(FiscalCodes.LEGACY_FIELD_MAPPED, legacy + " read as " + tag, Locations.field(at, legacy));
            }
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(String tag, Object value);
    }

    private static void convert(List<FieldDef> fields, Map<String, String> values, Setter setter, String at,
            ProblemCollector problems, Set<String> unreadable) {
        for (FieldDef f : fields) {
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
            setter.set(f.tag(), value);
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
