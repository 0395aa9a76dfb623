package org.jincai.core.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    public static InputStream stream(byte[] envelope) {
        return new ByteArrayInputStream(envelope);
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
}
