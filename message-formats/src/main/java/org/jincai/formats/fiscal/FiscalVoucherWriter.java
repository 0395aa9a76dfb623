package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.internal.FiscalText;
import org.jincai.formats.fiscal.internal.GbkXmlBuilder;
import org.jincai.formats.fiscal.internal.VoucherFields;

/**
 * Writes a voucher of any type as the inner {@code <Voucher>} document of the standard, in GBK, walking its
 * type's tables: the standard's tags in table order, then the unmodelled tags as received, one element per
 * line, empty fields left out, amounts as plain two-decimal numbers, dates as {@code yyyyMMdd}; the details
 * in {@code <DetailList>}. The bytes are what gets base64-encoded into the envelope and signed.
 *
 * <p>It refuses rather than alters: a character GBK cannot encode is {@code GBK_UNENCODABLE}, a character
 * XML forbids is {@code XML_CHAR_INVALID}, an amount with more than two significant decimals is
 * {@code BAD_AMOUNT} (money is never rounded here), each naming the field and the voucher. With
 * {@link FiscalWriteOptions#validateSchema()} the result is also checked against the hub's XSD of the
 * family ({@code XSD_INVALID}).
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class FiscalVoucherWriter {

    private final FiscalWriteOptions options;

    public FiscalVoucherWriter() {
        this(FiscalWriteOptions.defaults());
    }

    public FiscalVoucherWriter(FiscalWriteOptions options) {
        this.options = options;
    }

    /**
     * The GBK bytes of {@code <?xml version="1.0" encoding="GBK"?><Voucher>…</Voucher>}.
     *
     * @throws FormatException GBK_UNENCODABLE, XML_CHAR_INVALID, BAD_AMOUNT, FIELD_NAME_INVALID or (validating) XSD_INVALID
     */
    public byte[] write(FiscalVoucher voucher) {
        String where = "voucher " + (voucher.voucherNo() == null ? "(no VoucherNo)" : voucher.voucherNo());
        VoucherType type = voucher.type();
        GbkXmlBuilder xml = new GbkXmlBuilder(where);
        xml.raw(GbkXmlBuilder.DECLARATION).raw("\n<Voucher>\n");
        writeFields(xml, type.header(), voucher, "", where);
        if (!voucher.details().isEmpty()) {
            xml.raw("<" + VoucherFields.DETAIL_LIST + ">\n");
            int n = 0;
            for (FiscalDetail d : voucher.details()) {
                n++;
                String prefix = "detail " + (d.id() == null ? "#" + n : d.id()) + " / ";
                xml.raw("<" + VoucherFields.DETAIL + ">\n");
                writeFields(xml, type.detail(), d, prefix, where);
                xml.raw("</" + VoucherFields.DETAIL + ">\n");
            }
            xml.raw("</" + VoucherFields.DETAIL_LIST + ">\n");
        }
        xml.raw("</Voucher>");
        byte[] bytes = xml.toBytes();
        if (options.validateSchema() && type.schema() != null) {
            List<Problem> problems = FiscalSchemas.validate(bytes, type, where);
            if (!problems.isEmpty()) {
                throw new FormatException(problems.get(0));
            }
        }
        return bytes;
    }

    private void writeFields(GbkXmlBuilder xml, List<FieldDef> fields, FiscalFields model, String fieldPrefix, String where) {
        for (FieldDef f : fields) {
            String text = text(f, model.values().get(f.tag()), fieldPrefix, where);
            if (text == null || text.isEmpty()) {
                continue;
            }
            String tag = tagFor(f.tag());
            xml.element(tag, text, fieldPrefix + tag).raw("\n");
        }
        for (Map.Entry<String, String> e : model.otherFields().entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            xml.checkName(e.getKey(), fieldPrefix + e.getKey());
            xml.element(e.getKey(), e.getValue(), fieldPrefix + e.getKey()).raw("\n");
        }
    }

    private static String text(FieldDef f, Object value, String fieldPrefix, String where) {
        if (value == null) {
            return null;
        }
        return switch (f.kind()) {
            case TEXT -> (String) value;
            case DATE -> FiscalText.formatDate((LocalDate) value);
            case AMOUNT -> {
                try {
                    yield FiscalText.formatAmount((BigDecimal) value);
                } catch (ArithmeticException e) {
                    throw new FormatException(FiscalCodes.BAD_AMOUNT,
                            f.tag() + " " + ((BigDecimal) value).toPlainString() + " has more than two decimals; amounts are never rounded",
                            where + " / " + fieldPrefix + f.tag());
                }
            }
        };
    }

    private String tagFor(String tag) {
        if (options.legacyExpEcoTags()) {
            if (tag.equals("DepExpEcoCode")) {
                return VoucherFields.LEGACY_EXP_ECO_CODE;
            }
            if (tag.equals("DepExpEcoName")) {
                return VoucherFields.LEGACY_EXP_ECO_NAME;
            }
        }
        return tag;
    }
}
