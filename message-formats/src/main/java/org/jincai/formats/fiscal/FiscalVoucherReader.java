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
import java.util.regex.Pattern;
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
 * drive the conversion of every tag, and {@link FiscalVoucherValidator} its rules. A VtCode outside the
 * registry whose body has the payment voucher's shape is read as a payment voucher (VT_CODE_UNLISTED).
 *
 * <p>The bytes are decoded in the charset their XML declaration names, GBK when there is none (GB2312 is
 * read as GBK, its superset), and a byte sequence invalid in that charset is refused
 * (VOUCHER_ENCODING_INVALID) rather than turned into replacement characters inside a payee name. Parsing
 * goes through the secure parser: a DTD in the inner voucher is DOCTYPE_NOT_ALLOWED for that voucher. In
 * strict XSD mode the bytes are also validated against the hub's XSD of the family (XSD_INVALID); with a
 * signature verifier configured, the body's signatures are verified over the base64 text of its
 * {@code <Voucher>}.
 *
 * <p>Every value, and every routing attribute of the envelope, is checked against its {@link FieldLimit}
 * (FIELD_TOO_LONG, FIELD_FORMAT) before it can be stored. Every field is read even when others are wrong, so
 * one pass reports all of a voucher's problems. The fields a type carries without interpreting them are
 * kept (and written back); any other tag too, with FIELD_UNLISTED; legacy or misspelt tags listed in
 * {@link VoucherType#aliases()} are read as the modern tag with a LEGACY_FIELD_MAPPED warning; the older
 * habits ({@link FiscalHabit}) are read as their mapped value, and zero X-amounts of an original as 0.00.
 * Whether FIELD_UNLISTED, VT_CODE_UNLISTED and a habit are warnings or errors is the options' mode and profile.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class FiscalVoucherReader {

    private static final String PAY_TYPE_CODE = "PayTypeCode";
    private static final Pattern THREE_DIGITS = Pattern.compile("[0-9]{3}");
    private static final Pattern VT_CODE = Pattern.compile("[0-9]{4}");
    /** Validator codes that repeat what the conversion already said about a field. */
    private static final Set<String> REPORTED_AGAIN = Set.of(FiscalCodes.MISSING_FIELD, FiscalCodes.RECEIPT_FIELD_MISSING,
            FiscalCodes.FIELD_FORMAT, FiscalCodes.BAD_AMOUNT);
    private static final Map<String, FieldLimit> ATTRIBUTE_LIMITS = Map.of(
            FiscalVoucher.ADM_DIV_CODE, FieldLimit.identifier(9),
            FiscalVoucher.ST_YEAR, FieldLimit.identifier(4),
            FiscalVoucher.VT_CODE, FieldLimit.identifier(4),
            FiscalVoucher.VOUCHER_NO, FieldLimit.identifier(FieldLimit.VOUCHER_NO_LENGTH));
    private static final Map<String, Pattern> ATTRIBUTE_FORMATS = Map.of(
            FiscalVoucher.ADM_DIV_CODE, Pattern.compile("[0-9]{6}([0-9]{3})?"),
            FiscalVoucher.ST_YEAR, Pattern.compile("[0-9]{4}"),
            FiscalVoucher.VT_CODE, VT_CODE);

    private final FiscalReadOptions options;
    private final FiscalVoucherValidator validator;

    public FiscalVoucherReader() {
        this(FiscalReadOptions.defaults());
    }

    public FiscalVoucherReader(FiscalReadOptions options) {
        this.options = options;
        this.validator = new FiscalVoucherValidator(options);
    }

    /**
     * Reads the body as the type of its VtCode. A VtCode outside the registry whose body has the payment
     * voucher's shape is read as a payment voucher with VT_CODE_UNLISTED (a warning when the options accept
     * such types, an error otherwise); any other is UNSUPPORTED_VT_CODE, and no voucher.
     */
    public FiscalReadResult read(VoucherBody body) {
        return readAs(body, body.vtCode() == null ? null : options.typeOf(body.vtCode()));
    }

    /**
     * Reads the body with the tables of {@code type}; {@code null} takes the type from the voucher's own
     * VtCode once parsed (or the envelope's, when the registry does not know it).
     */
    FiscalReadResult readAs(VoucherBody body, VoucherType type) {
        ProblemCollector problems = new ProblemCollector(options);
        String where = Locations.voucher(body.location(), body.voucherNo(), null);
        envelopeAttributes(body, problems);
        byte[] xml = body.voucherXmlUnshared();
        if (xml.length == 0) {
            problems.add(FiscalCodes.VOUCHER_MISSING, "the envelope body carries no voucher", where);
            return result(body, null, problems);
        }
        if (options.signatureVerifier() != null) {
            problems.addAll(FiscalSignatures.verify(body, options.signatureVerifier(), options.signatureRequired()));
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
            type = typeOf(body, raw, where, problems);
            if (type == null) {
                return result(body, null, problems);
            }
        }
        if (options.strictSchema() && type.schema() != null) {
            problems.addAll(FiscalSchemas.validate(xml, type, where));
        }
        Set<String> unreadable = new HashSet<>();
        FiscalVoucher voucher = toVoucher(raw, type, body.voucherFlag() == VoucherBody.FLAG_ORIGINAL, where, problems, unreadable);
        for (Problem p : validator.validate(body, voucher)) {
            // a field already reported by the conversion (BAD_DATE, FIELD_FORMAT, a habit) is not reported again
            boolean alreadyReported = unreadable.contains(p.location()) && REPORTED_AGAIN.contains(p.code());
            if (!alreadyReported) {
                problems.add(p);
            }
        }
        return result(body, voucher, problems);
    }

    /**
     * The type of a body whose envelope names none the registry knows: the voucher's own VtCode's, else the
     * payment tables when the voucher has the payment voucher's shape (VT_CODE_UNLISTED), else none
     * (UNSUPPORTED_VT_CODE).
     */
    private VoucherType typeOf(VoucherBody body, RawVoucher raw, String where, ProblemCollector problems) {
        String inner = raw.header().values().get(FiscalVoucher.VT_CODE);
        String vtCode = body.vtCode() != null ? body.vtCode() : inner;
        VoucherType known = body.vtCode() == null ? options.typeOf(inner) : null;
        if (known != null) {
            return known;
        }
        String at = Locations.field(where, FiscalVoucher.VT_CODE);
        if (vtCode != null && VT_CODE.matcher(vtCode).matches() && paymentShaped(raw)) {
            problems.add(FiscalCodes.VT_CODE_UNLISTED, "VtCode " + vtCode + " is not in the registry; its body has the payment"
                    + " voucher's shape and is read as one", at);
            return VoucherTypes.payment(vtCode);
        }
        problems.add(FiscalCodes.UNSUPPORTED_VT_CODE, "VtCode " + vtCode + " is not a supported voucher type "
                + options.voucherTypes().all().stream().map(VoucherType::vtCode).toList(), at);
        return null;
    }

    /**
     * The payment voucher's shape: a PayAmt and a paying account (PayAcctNo), no reference to an original
     * voucher (a refund notice's), and a payee on every line (or on the header when there are no lines).
     */
    private static boolean paymentShaped(RawVoucher raw) {
        Map<String, String> h = raw.header().values();
        if (isBlank(h.get("PayAmt")) || isBlank(h.get("PayAcctNo")) || h.containsKey("OriginalVoucherNo")) {
            return false;
        }
        if (raw.details().isEmpty()) {
            return !isBlank(h.get("PayeeAcctNo"));
        }
        return raw.details().stream().allMatch(d -> !isBlank(d.values().get("PayAmt")) && !isBlank(d.values().get("PayeeAcctNo")));
    }

    /** The routing attributes are stored and named in files: each must have the syntax and length of its field. */
    private static void envelopeAttributes(VoucherBody body, ProblemCollector problems) {
        String[][] attributes = {
            {FiscalVoucher.ADM_DIV_CODE, body.admDivCode()},
            {FiscalVoucher.ST_YEAR, body.stYear()},
            {FiscalVoucher.VT_CODE, body.vtCode()},
            {FiscalVoucher.VOUCHER_NO, body.voucherNo()}};
        for (String[] a : attributes) {
            if (a[1] == null || a[1].isEmpty()) {
                continue;
            }
            FieldLimit limit = ATTRIBUTE_LIMITS.get(a[0]);
            String code = limit.check(a[1]);
            if (code == null && ATTRIBUTE_FORMATS.containsKey(a[0]) && !ATTRIBUTE_FORMATS.get(a[0]).matcher(a[1]).matches()) {
                code = FiscalCodes.FIELD_FORMAT;
            }
            if (code != null) {
                problems.add(code, "envelope attribute " + a[0] + " '" + shorten(a[1]) + "' is not " + limit.describe(),
                        body.location() + " / @" + a[0]);
            }
        }
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

    private FiscalVoucher toVoucher(RawVoucher raw, VoucherType type, boolean original, String where, ProblemCollector problems,
            Set<String> unreadable) {
        RawVoucher.Fields header = raw.header();
        structure(header, where, problems);
        Map<String, String> values = new LinkedHashMap<>(header.values());
        aliases(type, type.headerTable(), values, where, problems);
        FiscalVoucher.Builder b = FiscalVoucher.builder(type);
        Set<String> zeroTolerant = original ? zeroTolerant(type, true) : Set.of();
        convert(type.header(), values, b::set, zeroTolerant, where, problems, unreadable);
        headerId(type, values, b, where, problems, unreadable);
        b.otherFields(others(type.carriedHeader(), values, zeroTolerant, where, problems));
        Set<String> detailZeroTolerant = original ? zeroTolerant(type, false) : Set.of();
        int position = 0;
        for (RawVoucher.Fields d : raw.details()) {
            position++;
            String at = Locations.detail(where, d.values().get(FiscalVoucher.ID), position);
            structure(d, at, problems);
            Map<String, String> dv = new LinkedHashMap<>(d.values());
            aliases(type, type.detailTable(), dv, at, problems);
            FiscalDetail.Builder db = FiscalDetail.builder(type);
            convert(type.detail(), dv, db::set, detailZeroTolerant, at, problems, unreadable);
            db.otherFields(others(type.carriedDetail(), dv, detailZeroTolerant, at, problems));
            b.addDetail(db.build());
        }
        return b.build();
    }

    /**
     * On an original (VoucherFlag 0) the amounts that are not the payment's — the receiver's X-amounts, a
     * foreign amount — matter only on receipts: {@code 0}, {@code 0.00} or empty there is accepted as 0.00.
     */
    private static Set<String> zeroTolerant(VoucherType type, boolean header) {
        Set<String> out = new HashSet<>();
        Map<String, FieldDef> table = header ? type.headerTable() : type.detailTable();
        table.values().stream().filter(f -> f.kind() == FieldKind.AMOUNT).forEach(f -> out.add(f.tag()));
        (header ? type.carriedHeader() : type.carriedDetail()).values().stream()
                .filter(f -> f.kind() == FieldKind.AMOUNT).forEach(f -> out.add(f.tag()));
        for (VoucherType.Total t : type.totals()) {
            if (!t.receiptOnly()) {
                out.remove(header ? t.headerTag() : t.detailTag());
            }
        }
        return out;
    }

    /** HEADER_ID_ABSENT: a header without Id (2014 8207) takes its VoucherNo as Id. */
    private void headerId(VoucherType type, Map<String, String> values, FiscalVoucher.Builder b, String where,
            ProblemCollector problems, Set<String> unreadable) {
        FieldDef id = type.headerTable().get(FiscalVoucher.ID);
        if (id == null || id.presence() != FieldDef.Presence.REQUIRED || !isBlank((String) b.values.get(FiscalVoucher.ID))) {
            return;
        }
        String voucherNo = (String) b.values.get(FiscalVoucher.VOUCHER_NO);
        if (isBlank(voucherNo)) {
            return;
        }
        String at = Locations.field(where, FiscalVoucher.ID);
        problems.add(FiscalCodes.HEADER_ID_ABSENT, "the header has no Id; VoucherNo " + voucherNo + " stands in for it", at);
        b.set(FiscalVoucher.ID, voucherNo);
        unreadable.add(at);
    }

    /**
     * The tags the standard's tables do not list, each FIELD_UNLISTED (a warning in lenient mode, refused in
     * strict mode): a carried field (one real vouchers are known to send) checked against its own kind and
     * limit, any other against the limit its name gives; all kept as text in document order and written back.
     */
    private static Map<String, String> others(Map<String, FieldDef> carried, Map<String, String> values, Set<String> zeroTolerant,
            String at, ProblemCollector problems) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((tag, text) -> {
            FieldDef f = carried.get(tag);
            String fieldAt = Locations.field(at, tag);
            if (text.isEmpty()) {
                return;
            }
            if (f == null) {
                problems.add(FiscalCodes.FIELD_UNLISTED, tag + " is not a field the hub knows for this voucher type; it is kept"
                        + " and written back", fieldAt);
                f = FieldDef.text(tag);
            } else {
                problems.add(FiscalCodes.FIELD_UNLISTED, tag + " is outside the standard's tables (a field real vouchers"
                        + " carry); it is checked, kept and written back", fieldAt);
            }
            if (f.kind() == FieldKind.AMOUNT) {
                amount(f, text, zeroTolerant, fieldAt, problems);
            } else if (f.kind() == FieldKind.DATE) {
                date(f, text, fieldAt, problems);
            } else {
                text(f, text, fieldAt, problems);
            }
            out.put(tag, text);
        });
        return out;
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

    private void convert(List<FieldDef> fields, Map<String, String> values, Setter setter, Set<String> zeroTolerant, String at,
            ProblemCollector problems, Set<String> unreadable) {
        for (FieldDef f : fields) {
            String text = values.remove(f.tag());
            if (text == null || text.isEmpty()) {
                continue;
            }
            String fieldAt = Locations.field(at, f.tag());
            Object value = switch (f.kind()) {
                case TEXT -> text(f, text, fieldAt, problems);
                case DATE -> date(f, text, fieldAt, problems);
                case AMOUNT -> amount(f, text, zeroTolerant, fieldAt, problems);
            };
            if (value == null || problems.reportedAt(fieldAt)) {
                unreadable.add(fieldAt);
            }
            setter.set(f.tag(), value);
        }
    }

    /** The text, its syntax and length checked; PAY_TYPE_CODE_THREE_DIGITS maps 121 to 12. */
    private static String text(FieldDef f, String text, String fieldAt, ProblemCollector problems) {
        String code = f.limit().check(text);
        if (code != null) {
            problems.add(code, f.tag() + " '" + shorten(text) + "' is not " + f.limit().describe(), fieldAt);
            return text;
        }
        if (f.tag().equals(PAY_TYPE_CODE) && THREE_DIGITS.matcher(text).matches()) {
            String parent = text.substring(0, 2);
            problems.add(FiscalCodes.PAY_TYPE_CODE_THREE_DIGITS, "PayTypeCode " + text + " (old three-digit list) is read as "
                    + parent, fieldAt);
            return parent;
        }
        if (f.format() != null && !f.matchesFormat(text)) {
            problems.add(FiscalCodes.FIELD_FORMAT, f.tag() + " '" + shorten(text) + "' does not match " + f.format().pattern(), fieldAt);
        }
        return text;
    }

    /** The date; DATE_WITH_TIME reads {@code 2014-06-30 15:20:01} or {@code 2014-06-30} as 2014-06-30. */
    private static LocalDate date(FieldDef f, String text, String fieldAt, ProblemCollector problems) {
        LocalDate d = FiscalText.parseDate(text);
        if (d != null) {
            return d;
        }
        d = FiscalText.parseDateWithTime(text);
        if (d != null) {
            problems.add(FiscalCodes.DATE_WITH_TIME, f.tag() + " '" + text + "' is read as " + FiscalText.formatDate(d), fieldAt);
            return d;
        }
        problems.add(FiscalCodes.BAD_DATE, f.tag() + " '" + shorten(text) + "' is not a yyyyMMdd date", fieldAt);
        return null;
    }

    /** The amount; at most 13 integer digits; a zero of any scale is 0.00 where {@code zeroTolerant} has the tag. */
    private static BigDecimal amount(FieldDef f, String text, Set<String> zeroTolerant, String fieldAt, ProblemCollector problems) {
        BigDecimal a = FiscalText.parseAmount(text);
        if (a == null) {
            problems.add(FiscalCodes.BAD_AMOUNT, f.tag() + " '" + shorten(text) + "' is not an amount", fieldAt);
            return null;
        }
        if (!FieldLimit.amountFits(a)) {
            problems.add(FiscalCodes.FIELD_TOO_LONG, f.tag() + " " + shorten(text) + " has more than " + FieldLimit.AMOUNT_INTEGER_DIGITS
                    + " integer digits", fieldAt);
            return null;
        }
        if (a.signum() == 0 && zeroTolerant.contains(f.tag())) {
            return BigDecimal.ZERO.setScale(2);
        }
        return a;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

}
