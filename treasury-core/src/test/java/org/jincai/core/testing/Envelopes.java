package org.jincai.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.core.voucher.EnvelopeSource;

/**
 * The reference example envelope (three vouchers: 8202 T202600000001 to 999100000001, 5201 T202600000002
 * to 999200000002, 5201 T202600000003 to 999300000003) and edits of its inner vouchers for negative cases.
 */
public final class Envelopes {

    public static final Charset GBK = Charset.forName("GBK");
    public static final String EXAMPLE = "/fiscal/mof-envelope-5201-8202.xml";

    private Envelopes() {
    }

    public static byte[] example() {
        try (InputStream in = Envelopes.class.getResourceAsStream(EXAMPLE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope as intake reads it (more than once). */
    public static EnvelopeSource stream(byte[] envelope) {
        return EnvelopeSource.of(envelope);
    }

    /**
     * The example with every voucher number's {@code T2026} replaced by {@code tag} (five characters) in the
     * envelope attributes and inside each inner voucher, so a test gets fresh vouchers of the same content.
     */
    public static byte[] exampleRenumbered(String tag) {
        return exampleFor("420000", tag);
    }

    /** As {@link #exampleRenumbered(String)}, and for another administrative division (AdmDivCode). */
    public static byte[] exampleFor(String admDivCode, String tag) {
        if (tag.length() != 5) {
            throw new IllegalArgumentException("the tag keeps the voucher numbers' length: five characters");
        }
        String envelope = new String(example(), GBK).replace("VoucherNo=\"T2026", "VoucherNo=\"" + tag)
                .replace("AdmDivCode=\"420000\"", "AdmDivCode=\"" + admDivCode + "\"");
        Matcher m = Pattern.compile("<Voucher>([^<]+)</Voucher>").matcher(envelope);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = new String(Base64.getDecoder().decode(m.group(1)), GBK).replace(">T2026", ">" + tag)
                    .replace("<AdmDivCode>420000</AdmDivCode>", "<AdmDivCode>" + admDivCode + "</AdmDivCode>");
            m.appendReplacement(out, "<Voucher>" + Base64.getEncoder().encodeToString(inner.getBytes(GBK)) + "</Voucher>");
        }
        m.appendTail(out);
        return out.toString().getBytes(GBK);
    }

    /** The example with the inner voucher {@code voucherNo} decoded, edited as GBK text and re-encoded. */
    public static byte[] exampleWithVoucherEdited(String voucherNo, UnaryOperator<String> edit) {
        String envelope = new String(example(), GBK);
        Matcher m = Pattern.compile("(VoucherNo=\"" + voucherNo + "\".*?<Voucher>)([^<]+)(</Voucher>)", Pattern.DOTALL)
                .matcher(envelope);
        if (!m.find()) {
            throw new IllegalArgumentException("no voucher " + voucherNo + " in the example");
        }
        String inner = new String(Base64.getDecoder().decode(m.group(2)), GBK);
        String edited = Base64.getEncoder().encodeToString(edit.apply(inner).getBytes(GBK));
        return (envelope.substring(0, m.start(2)) + edited + envelope.substring(m.end(2))).getBytes(GBK);
    }

    /**
     * {@code envelope} with the voucher {@code voucherNo} renumbered to {@code newNo} — in its envelope attribute
     * and inside its inner voucher, escaped as XML — whatever characters {@code newNo} holds.
     */
    public static byte[] withVoucherNo(byte[] envelope, String voucherNo, String newNo) {
        String text = new String(envelope, GBK);
        Matcher m = Pattern.compile("(VoucherNo=\"" + Pattern.quote(voucherNo) + "\".*?<Voucher>)([^<]+)(</Voucher>)",
                Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no voucher " + voucherNo + " in the envelope");
        }
        String inner = new String(Base64.getDecoder().decode(m.group(2)), GBK)
                .replace("<VoucherNo>" + voucherNo + "</VoucherNo>", "<VoucherNo>" + escape(newNo) + "</VoucherNo>");
        String edited = Base64.getEncoder().encodeToString(inner.getBytes(GBK));
        String head = text.substring(0, m.start(2)).replace("VoucherNo=\"" + voucherNo + "\"",
                "VoucherNo=\"" + escape(newNo) + "\"");
        return (head + edited + text.substring(m.end(2))).getBytes(GBK);
    }

    /** Text escaped for an XML attribute or element. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
