package org.jincai.formats.fiscal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.internal.BoundedInputStream;
import org.jincai.formats.fiscal.internal.Stax;
import org.jincai.formats.fiscal.internal.XmlFragment;
import org.jincai.formats.xml.SecureXml;

/**
 * Reads a MOF envelope (the transport file of the voucher library, 电子凭证库) with a streaming parser:
 * VoucherCount and each VoucherBody with its attributes, VoucherFlag, Return_Reason, Attach, the inner
 * voucher (its base64 text as received, which the signatures cover, and the decoded bytes, not interpreted
 * here) and its seals and signatures, whatever their inner structure.
 *
 * <p>What cannot be trusted at all is refused with a {@link FormatException}: a DTD
 * ({@code DOCTYPE_NOT_ALLOWED}), XML that is not well-formed ({@code XML_NOT_WELL_FORMED}), a root other than
 * {@code MOF} ({@code ENVELOPE_ROOT_INVALID}), an input over the size limit ({@code ENVELOPE_TOO_LARGE}), an
 * inner voucher that is not base64 ({@code VOUCHER_NOT_BASE64}, location {@code envelope body N}). Problems
 * of a single voucher are left to {@link FiscalVoucherReader} (and its payment view {@link PaymentVoucherReader}).
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class MofEnvelopeReader {

    private static final String ROOT = "MOF";

    private final long maxBytes;

    /** A reader with the default 64 MB limit. */
    public MofEnvelopeReader() {
        this(FiscalReadOptions.DEFAULT_MAX_ENVELOPE_BYTES);
    }

    public MofEnvelopeReader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    public MofEnvelopeReader(FiscalReadOptions options) {
        this(options.maxEnvelopeBytes());
    }

    /**
     * Reads the whole envelope.
     *
     * @param location where the input comes from (file name, request id), used in problem locations
     * @throws FormatException when the envelope cannot be read at all
     */
    public MofEnvelope read(InputStream in, String location) {
        List<VoucherBody> bodies = new ArrayList<>();
        int declared = readEach(in, location, bodies::add);
        return new MofEnvelope(declared, bodies);
    }

    /**
     * Streams the envelope, handing each body to {@code sink} as soon as it is read.
     *
     * @return the declared VoucherCount, {@code -1} when absent or not a number
     * @throws FormatException when the envelope cannot be read at all (bodies already handed over stay so)
     */
    public int readEach(InputStream in, String location, Consumer<VoucherBody> sink) {
        BoundedInputStream bounded = new BoundedInputStream(in, maxBytes);
        try {
            return parse(SecureXml.newReader(bounded, location), location, sink);
        } catch (XMLStreamException e) {
            throw bounded.exceeded() ? tooLarge(location) : SecureXml.notWellFormed(e, location);
        } catch (FormatException e) {
            throw bounded.exceeded() ? tooLarge(location) : e;
        }
    }

    private FormatException tooLarge(String location) {
        return new FormatException(FiscalCodes.ENVELOPE_TOO_LARGE, "envelope is larger than " + maxBytes + " bytes", location);
    }

    private static int parse(XMLStreamReader r, String location, Consumer<VoucherBody> sink) throws XMLStreamException {
        try {
            if (!Stax.toRoot(r)) {
                throw new FormatException(FiscalCodes.ENVELOPE_ROOT_INVALID, "no root element", location);
            }
            if (!ROOT.equals(r.getLocalName())) {
                throw new FormatException(FiscalCodes.ENVELOPE_ROOT_INVALID,
                        "root element is <" + r.getLocalName() + ">, expected <MOF>", location);
            }
            int declared = -1;
            int index = 0;
            while (Stax.nextChild(r)) {
                switch (r.getLocalName()) {
                    case "VoucherCount" -> declared = parseInt(Stax.text(r));
                    case "VoucherBody" -> sink.accept(body(r, ++index));
                    default -> Stax.skip(r);
                }
            }
            // reading on to the end makes trailing garbage a well-formedness error, as it should be
            while (r.hasNext()) {
                r.next();
            }
            return declared;
        } finally {
            r.close();
        }
    }

    private static VoucherBody body(XMLStreamReader r, int index) throws XMLStreamException {
        String at = "envelope body " + index;
        String admDivCode = Stax.attribute(r, "AdmDivCode");
        String stYear = Stax.attribute(r, "StYear");
        String vtCode = Stax.attribute(r, "VtCode");
        String voucherNo = Stax.attribute(r, "VoucherNo");
        int flag = VoucherBody.FLAG_UNKNOWN;
        String returnReason = null;
        String attach = null;
        byte[] voucher = null;
        String voucherText = null;
        List<VoucherSignature> signatures = new ArrayList<>();
        List<SignStamp> stamps = new ArrayList<>();
        while (Stax.nextChild(r)) {
            switch (r.getLocalName()) {
                case "VoucherFlag" -> flag = parseInt(Stax.text(r));
                case "Return_Reason" -> returnReason = Stax.text(r);
                case "Attach" -> attach = Stax.text(r);
                case "Voucher" -> {
                    if (voucher != null) {
                        throw new FormatException(FiscalCodes.ENVELOPE_BODY_INVALID, "more than one <Voucher> in one body", at);
                    }
                    voucherText = Stax.text(r);
                    voucher = decodeBase64(voucherText, at);
                }
                case "SignStampList" -> {
                    // the element name of a seal is not in public samples; any child is kept as a seal, a plain
                    // <SignStamp No="…">value</SignStamp> as such, anything richer whole
                    while (Stax.nextChild(r)) {
                        String no = Stax.attribute(r, "No");
                        boolean plain = "SignStamp".equals(r.getLocalName())
                                && r.getAttributeCount() == (no == null ? 0 : 1);
                        String xml = XmlFragment.capture(r);
                        String value = plainText(xml);
                        stamps.add(plain && value != null ? new SignStamp(no, value) : new SignStamp(no, value, xml));
                    }
                }
                case "SignatureList" -> {
                    while (Stax.nextChild(r)) {
                        String no = Stax.attribute(r, "No");
                        String sn = Stax.attribute(r, "SN");
                        signatures.add(new VoucherSignature(no, sn, textOrEmpty(r)));
                    }
                }
                default -> Stax.skip(r);
            }
        }
        return new VoucherBody(index, admDivCode, stYear, vtCode, voucherNo, flag, returnReason, attach, voucher,
                signatures, stamps, voucherText);
    }

    /** The text of a captured element without children, unescaped; {@code null} when it has children. */
    private static String plainText(String xml) {
        int start = xml.indexOf('>') + 1;
        int end = xml.lastIndexOf("</");
        String inner = xml.substring(start, end);
        if (inner.indexOf('<') >= 0) {
            return null;
        }
        return inner.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String textOrEmpty(XMLStreamReader r) throws XMLStreamException {
        String t = Stax.text(r);
        return t == null ? "" : t;
    }

    /** Line breaks inside the base64 (some senders wrap at 76) are allowed; anything else is refused. */
    private static byte[] decodeBase64(String text, String at) {
        if (text == null) {
            throw new FormatException(FiscalCodes.VOUCHER_NOT_BASE64, "<Voucher> holds elements, not base64 text", at);
        }
        try {
            return VoucherBody.decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException(FiscalCodes.VOUCHER_NOT_BASE64, "<Voucher> is not base64: " + e.getMessage(), at);
        }
    }

    private static int parseInt(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(t);
    }
}
