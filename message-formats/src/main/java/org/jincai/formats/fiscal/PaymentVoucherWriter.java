package org.jincai.formats.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.internal.FieldSpec;
import org.jincai.formats.fiscal.internal.FiscalText;
import org.jincai.formats.fiscal.internal.GbkXmlBuilder;
import org.jincai.formats.fiscal.internal.VoucherFields;

/**
 * Writes a payment voucher as the inner {@code <Voucher>} document of the standard, in GBK: the standard's
 * tag names in a fixed order, one element per line, empty fields left out, amounts as plain two-decimal
 * numbers, dates as {@code yyyyMMdd}. The bytes are what gets base64-encoded into the envelope and signed.
 *
 * <p>It refuses rather than alters: a character GBK cannot encode is {@code GBK_UNENCODABLE}, a character
 * XML forbids is {@code XML_CHAR_INVALID}, an amount with more than two significant decimals is
 * {@code BAD_AMOUNT} (money is never rounded here), each naming the field and the voucher.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class PaymentVoucherWriter {

    private final FiscalWriteOptions options;

    public PaymentVoucherWriter() {
        this(FiscalWriteOptions.defaults());
    }

    public PaymentVoucherWriter(FiscalWriteOptions options) {
        this.options = options;
    }

    /**
     * The GBK bytes of {@code <?xml version="1.0" encoding="GBK"?><Voucher>…</Voucher>}.
     *
     * @throws FormatException GBK_UNENCODABLE, XML_CHAR_INVALID, BAD_AMOUNT or FIELD_NAME_INVALID
     */
    public byte[] write(PaymentVoucher voucher) {
        String where = "voucher " + (voucher.voucherNo() == null ? "(no VoucherNo)" : voucher.voucherNo());
        GbkXmlBuilder xml = new GbkXmlBuilder(where);
        xml.raw(GbkXmlBuilder.DECLARATION).raw("\n<Voucher>\n");
        writeFields(xml, VoucherFields.HEADER, voucher, voucher.otherFields(), "", where);
        if (!voucher.details().isEmpty()) {
            xml.raw("<DetailList>\n");
            int n = 0;
            for (VoucherDetail d : voucher.details()) {
                n++;
                String prefix = "detail " + (d.id() == null ? "#" + n : d.id()) + " / ";
                xml.raw("<Detail>\n");
                writeFields(xml, VoucherFields.DETAIL_FIELDS, d, d.otherFields(), prefix, where);
                xml.raw("</Detail>\n");
            }
            xml.raw("</DetailList>\n");
        }
        xml.raw("</Voucher>");
        return xml.toBytes();
    }

    private <M> void writeFields(GbkXmlBuilder xml, List<? extends FieldSpec<M, ?>> fields, M model,
            Map<String, String> otherFields, String fieldPrefix, String where) {
        for (FieldSpec<M, ?> f : fields) {
            String text = text(f, f.getter().apply(model), fieldPrefix, where);
            if (text == null || text.isEmpty()) {
                continue;
            }
            String tag = tagFor(f.tag());
            xml.element(tag, text, fieldPrefix + tag).raw("\n");
        }
        for (Map.Entry<String, String> e : otherFields.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            xml.checkName(e.getKey(), fieldPrefix + e.getKey());
            xml.element(e.getKey(), e.getValue(), fieldPrefix + e.getKey()).raw("\n");
        }
    }

    private String text(FieldSpec<?, ?> f, Object value, String fieldPrefix, String where) {
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
