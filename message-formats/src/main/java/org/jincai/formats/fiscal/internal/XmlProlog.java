package org.jincai.formats.fiscal.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the XML declaration of an inner voucher before parsing, because the standard's default is GBK
 * while XML's default is UTF-8: a voucher without a declaration (or declaring GB2312, which senders
 * write while sending GBK, its superset) must still be decoded as GBK.
 */
public final class XmlProlog {

    private static final Pattern DECLARATION = Pattern.compile("^<\\?xml\\s[^?]*\\?>");
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._\\-]+)[\"']");
    private static final byte[] GBK_DECLARATION = "<?xml version=\"1.0\" encoding=\"GBK\"?>".getBytes(StandardCharsets.US_ASCII);

    private final int declarationLength;
    private final String declaredEncoding;
    private final String bomEncoding;

    private XmlProlog(int declarationLength, String declaredEncoding, String bomEncoding) {
        this.declarationLength = declarationLength;
        this.declaredEncoding = declaredEncoding;
        this.bomEncoding = bomEncoding;
    }

    public static XmlProlog of(byte[] xml) {
        if (xml.length >= 3 && (xml[0] & 0xFF) == 0xEF && (xml[1] & 0xFF) == 0xBB && (xml[2] & 0xFF) == 0xBF) {
            return new XmlProlog(0, null, "UTF-8");
        }
        if (xml.length >= 2 && ((xml[0] & 0xFF) == 0xFE && (xml[1] & 0xFF) == 0xFF
                || (xml[0] & 0xFF) == 0xFF && (xml[1] & 0xFF) == 0xFE)) {
            return new XmlProlog(0, null, "UTF-16");
        }
        // the declaration is ASCII in every ASCII-compatible charset, GBK included
        String head = new String(xml, 0, Math.min(xml.length, 200), StandardCharsets.ISO_8859_1);
        Matcher d = DECLARATION.matcher(head);
        if (!d.find()) {
            return new XmlProlog(0, null, null);
        }
        Matcher e = ENCODING.matcher(d.group());
        return new XmlProlog(d.end(), e.find() ? e.group(1) : null, null);
    }

    /** The encoding named in the declaration (or by a byte-order mark), {@code null} when none. */
    public String declaredEncoding() {
        return bomEncoding != null ? bomEncoding : declaredEncoding;
    }

    /** The charset the bytes are decoded with: the declared one, GBK when none is declared or GB2312 is. */
    public String effectiveEncoding() {
        String declared = declaredEncoding();
        return declared == null || isGb2312(declared) ? "GBK" : declared;
    }

    /** True for GBK and its family (GB2312 read as GBK, GB18030 its superset). */
    public boolean isGbkFamily() {
        String e = effectiveEncoding().toUpperCase(Locale.ROOT);
        return e.equals("GBK") || e.equals("CP936") || e.equals("GB18030");
    }

    /**
     * The bytes to hand to the parser: unchanged when the parser would pick the right charset itself,
     * otherwise with the declaration replaced by (or prefixed with) an explicit GBK declaration.
     */
    public byte[] forParser(byte[] xml) {
        if (bomEncoding != null || declaredEncoding != null && !isGb2312(declaredEncoding)) {
            return xml;
        }
        byte[] out = new byte[GBK_DECLARATION.length + xml.length - declarationLength];
        System.arraycopy(GBK_DECLARATION, 0, out, 0, GBK_DECLARATION.length);
        System.arraycopy(xml, declarationLength, out, GBK_DECLARATION.length, xml.length - declarationLength);
        return out;
    }

    private static boolean isGb2312(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.equals("GB2312") || n.equals("GB_2312-80") || n.equals("EUC-CN");
    }
}
