package org.jincai.formats.fiscal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jincai.formats.fiscal.internal.GbkXmlBuilder;

/**
 * Writes a MOF envelope in GBK, one {@code VoucherBody} per line as the voucher library does: VoucherCount,
 * the routing attributes, VoucherFlag, Return_Reason when set, Attach, the inner voucher's base64 text
 * exactly as received (the finance system's signatures cover it) or as the hub encoded it, then SignStampList and SignatureList as they were received. Bodies are encoded and
 * written one at a time, so memory does not grow with the envelope.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class MofEnvelopeWriter {

    /**
     * Writes the envelope to {@code out} (which is flushed, not closed).
     *
     * @throws org.jincai.formats.FormatException GBK_UNENCODABLE or XML_CHAR_INVALID naming the body and field,
     *     before anything of that body is written
     * @throws UncheckedIOException when {@code out} fails
     */
    public void write(List<VoucherBody> bodies, OutputStream out) {
        try {
            GbkXmlBuilder head = new GbkXmlBuilder("envelope");
            head.raw(GbkXmlBuilder.DECLARATION).raw("\n<MOF><VoucherCount>").raw(Integer.toString(bodies.size()))
                    .raw("</VoucherCount>\n");
            out.write(head.toBytes());
            int n = 0;
            for (VoucherBody body : bodies) {
                n++;
                out.write(body(body, n));
            }
            out.write("</MOF>\n".getBytes(GbkXmlBuilder.GBK));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope as bytes. */
    public byte[] toBytes(List<VoucherBody> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(bodies, out);
        return out.toByteArray();
    }

    private static byte[] body(VoucherBody b, int position) {
        String where = "envelope body " + position + " / voucher " + (b.voucherNo() == null ? "(no VoucherNo)" : b.voucherNo());
        GbkXmlBuilder xml = new GbkXmlBuilder(where);
        xml.raw("<VoucherBody")
                .attribute("AdmDivCode", b.admDivCode(), "AdmDivCode")
                .attribute("StYear", b.stYear(), "StYear")
                .attribute("VtCode", b.vtCode(), "VtCode")
                .attribute("VoucherNo", b.voucherNo(), "VoucherNo")
                .raw(">");
        xml.raw("<VoucherFlag>").raw(Integer.toString(b.voucherFlag())).raw("</VoucherFlag>");
        xml.element("Return_Reason", b.returnReason(), "Return_Reason");
        xml.elementAlways("Attach", b.attach(), "Attach");
        // the text exactly as received (or as the hub encoded it): the signatures cover it
        xml.raw("<Voucher>").raw(b.voucherText()).raw("</Voucher>");
        if (b.stamps().isEmpty()) {
            xml.raw("<SignStampList/>");
        } else {
            xml.raw("<SignStampList>");
            for (SignStamp s : b.stamps()) {
                if (s.xml() != null) {
                    // a seal of a richer structure, re-serialised (escaped) when it was read
                    xml.carried(s.xml(), "SignStamp");
                    continue;
                }
                xml.raw("<SignStamp").attribute("No", s.no(), "SignStamp@No").raw(">");
                if (s.value() != null) {
                    xml.text(s.value(), "SignStamp");
                }
                xml.raw("</SignStamp>");
            }
            xml.raw("</SignStampList>");
        }
        if (b.signatures().isEmpty()) {
            xml.raw("<SignatureList/>");
        } else {
            xml.raw("<SignatureList>");
            for (VoucherSignature s : b.signatures()) {
                xml.raw("<Signature").attribute("No", s.no(), "Signature@No").attribute("SN", s.sn(), "Signature@SN").raw(">");
                if (s.value() != null) {
                    xml.text(s.value(), "Signature");
                }
                xml.raw("</Signature>");
            }
            xml.raw("</SignatureList>");
        }
        xml.raw("</VoucherBody>\n");
        return xml.toBytes();
    }
}
