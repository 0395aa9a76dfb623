package org.jincai.core.voucher;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.xml.SecureXml;

/**
 * A first look at an envelope before the fiscal reader decodes it: each {@code <Voucher>}'s base64 text is
 * measured in chunks, never held, and one longer than {@code maxVoucherChars} refuses the envelope with
 * {@value #VOUCHER_TOO_LARGE} and its body's position. The fiscal reader holds one voucher's text at a time in
 * several forms (text, decoded bytes, model); bounding that text bounds the memory of an intake, whatever the
 * envelope's size. The scan reads to the end, so a document that is not well-formed is refused here too.
 */
final class EnvelopePrecheck {

    static final String VOUCHER_TOO_LARGE = "VOUCHER_TOO_LARGE";

    private EnvelopePrecheck() {
    }

    static void check(InputStream in, String location, long maxEnvelopeBytes, long maxVoucherChars) {
        Bounded bounded = new Bounded(in, maxEnvelopeBytes);
        XMLStreamReader r = SecureXml.newChunkedReader(bounded, location);
        try {
            int depth = 0;
            int bodies = 0;
            boolean inVoucher = false;
            long chars = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2 && "VoucherBody".equals(r.getLocalName())) {
                        bodies++;
                    } else if (depth == 3 && "Voucher".equals(r.getLocalName())) {
                        inVoucher = true;
                        chars = 0;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    inVoucher = inVoucher && depth >= 3;
                } else if (inVoucher && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    chars += r.getTextLength();
                    if (chars > maxVoucherChars) {
                        throw new FormatException(VOUCHER_TOO_LARGE, "the inner voucher is longer than "
                                + maxVoucherChars + " characters of base64", "envelope body " + bodies);
                    }
                }
            }
        } catch (XMLStreamException | FormatException e) {
            if (bounded.exceeded) {
                throw new FormatException(FiscalCodes.ENVELOPE_TOO_LARGE, "envelope is larger than " + maxEnvelopeBytes
                        + " bytes", location);
            }
            throw e instanceof FormatException f ? f : SecureXml.notWellFormed(e, location);
        } finally {
            close(r);
        }
    }

    /** Counts what is read and stops past the limit, so an endless input is refused, not scanned for ever. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;
        private boolean exceeded;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                exceeded = true;
                throw new IOException("more than " + max + " bytes");
            }
        }
    }

    private static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // closing a reader over a stream the caller closes: nothing is lost
        }
    }
}
