package org.jincai.core.finance;

import java.nio.charset.Charset;
import org.jincai.core.Digests;
import org.jincai.core.voucher.VoucherOutcome;

/**
 * The notice sent for a voucher whose key the hub had already taken (DUPLICATE_VOUCHER). It is deliberately
 * not a MOF envelope: a voucher library reading it finds no {@code <MOF>}, no VoucherBody and no VoucherFlag,
 * so it can never be taken for a return (退回) of the original — which stands, is paid, and is answered with
 * its own receipt. GBK XML:
 * <pre>{@code
 * <DuplicateNotice>
 *   <Code>DUPLICATE_VOUCHER</Code>
 *   <AdmDivCode/> <StYear/> <VtCode/> <VoucherNo/>      the key as received in this copy
 *   <File/> <BodyIndex/>                                 where the copy came: inbox file, position in it
 *   <OriginalReceivedAt/>                                when the hub took the original (UTC)
 *   <SameContent>true|false</SameContent>                whether this copy's voucher bytes equal the original's
 *   <Message/>                                           the same, in words
 * </DuplicateNotice>
 * }</pre>
 */
final class DuplicateNotice {

    static final String ROOT = "DuplicateNotice";
    private static final Charset GBK = Charset.forName("GBK");

    private DuplicateNotice() {
    }

    static byte[] write(VoucherOutcome o, String fileName, String originalReceivedAt, boolean sameContent) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<").append(ROOT).append(">\n");
        element(xml, "Code", o.errors().isEmpty() ? "DUPLICATE_VOUCHER" : o.errors().get(0).code());
        element(xml, "AdmDivCode", o.admDivCode());
        element(xml, "StYear", o.stYear());
        element(xml, "VtCode", o.vtCode());
        element(xml, "VoucherNo", o.voucherNo());
        element(xml, "File", fileName);
        element(xml, "BodyIndex", Integer.toString(o.index()));
        element(xml, "OriginalReceivedAt", originalReceivedAt);
        element(xml, "SameContent", Boolean.toString(sameContent));
        element(xml, "Message", "该凭证此前已接收，原凭证照常处理并另行回单；本次重复发送的副本未作任何处理，不是退回。"
                + (sameContent ? "" : "注意：本副本内容与原凭证不同。"));
        xml.append("</").append(ROOT).append(">\n");
        return xml.toString().getBytes(GBK);
    }

    private static void element(StringBuilder xml, String tag, String value) {
        xml.append("  <").append(tag).append('>').append(escape(Digests.fit(value, 200))).append("</").append(tag)
                .append(">\n");
    }

    /** Markup escaped, characters XML cannot carry or GBK cannot encode written as [U+XXXX]. */
    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    boolean xmlChar = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                            || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
                    out.append(xmlChar ? GbkText.safe(new String(Character.toChars(cp))) : String.format("[U+%04X]", cp));
                }
            }
        });
        return out.toString();
    }
}
