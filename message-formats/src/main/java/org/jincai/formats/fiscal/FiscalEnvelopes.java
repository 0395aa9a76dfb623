package org.jincai.formats.fiscal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.internal.RawVoucher;
import org.jincai.formats.fiscal.internal.Stax;
import org.jincai.formats.fiscal.internal.XmlProlog;
import org.jincai.formats.xml.SecureXml;

/**
 * The entry points the hub's intake and outbound use: read an envelope of payment vouchers with every
 * voucher checked ({@link #readPayments}), read an envelope of vouchers of any supported type
 * ({@link #read}, {@link #readEach}), or write one; files for inspection and conversion may also hold a bare
 * inner voucher ({@link #readFile}, {@link #readPaymentFile}).
 */
public final class FiscalEnvelopes {

    private static final String VOUCHER_ROOT = "Voucher";

    private FiscalEnvelopes() {
    }

    /**
     * Reads and checks every payment voucher of an envelope with the default options; a body of any other
     * VtCode is UNSUPPORTED_VT_CODE.
     *
     * @throws FormatException when the envelope as a whole cannot be read (the caller answers 400 with the
     *     code: DOCTYPE_NOT_ALLOWED, XML_NOT_WELL_FORMED, ENVELOPE_ROOT_INVALID, ENVELOPE_TOO_LARGE,
     *     VOUCHER_NOT_BASE64, ENVELOPE_BODY_INVALID)
     */
    public static EnvelopeReadResult readPayments(InputStream in, String location) {
        return readPayments(in, location, FiscalReadOptions.defaults());
    }

    public static EnvelopeReadResult readPayments(InputStream in, String location, FiscalReadOptions options) {
        PaymentVoucherReader reader = new PaymentVoucherReader(options);
        List<VoucherReadResult> vouchers = new ArrayList<>();
        int declared = new MofEnvelopeReader(options).readEach(in, location, body -> vouchers.add(reader.read(body)));
        return new EnvelopeReadResult(countProblems(declared, vouchers.size(), location), vouchers);
    }

    /**
     * Reads every payment voucher of an envelope with the options of its own sender: {@code optionsOf} gives
     * them per body (the intake: the profile of the finance system serving the body's AdmDivCode). The envelope
     * itself is read with the default size limit.
     */
    public static EnvelopeReadResult readPayments(InputStream in, String location, Function<VoucherBody, FiscalReadOptions> optionsOf) {
        Map<FiscalReadOptions, PaymentVoucherReader> readers = new IdentityHashMap<>();
        List<VoucherReadResult> vouchers = new ArrayList<>();
        int declared = new MofEnvelopeReader().readEach(in, location,
                body -> vouchers.add(readers.computeIfAbsent(optionsOf.apply(body), PaymentVoucherReader::new).read(body)));
        return new EnvelopeReadResult(countProblems(declared, vouchers.size(), location), vouchers);
    }

    /**
     * Reads and checks every voucher of an envelope, of any VtCode in the options' registry (payments,
     * 8207, 5106 / 5108, 2301 / 2302, 2203 / 2252 by default), with the default options.
     *
     * @throws FormatException when the envelope as a whole cannot be read (codes as for {@link #readPayments})
     */
    public static FiscalEnvelopeReadResult read(InputStream in, String location) {
        return read(in, location, FiscalReadOptions.defaults());
    }

    public static FiscalEnvelopeReadResult read(InputStream in, String location, FiscalReadOptions options) {
        List<FiscalReadResult> vouchers = new ArrayList<>();
        List<Problem> envelopeErrors = readEach(in, location, options, vouchers::add);
        return new FiscalEnvelopeReadResult(envelopeErrors, vouchers);
    }

    /**
     * Streams an envelope: each voucher is read, checked and handed to {@code sink} as soon as its body has
     * been parsed, so memory holds one voucher at a time however large the envelope.
     *
     * @return the envelope's own problems (VOUCHER_COUNT_MISMATCH), known once the whole envelope is read
     * @throws FormatException when the envelope cannot be read at all (vouchers already handed over stay so)
     */
    public static List<Problem> readEach(InputStream in, String location, FiscalReadOptions options, Consumer<FiscalReadResult> sink) {
        FiscalVoucherReader reader = new FiscalVoucherReader(options);
        int[] count = {0};
        int declared = new MofEnvelopeReader(options).readEach(in, location, body -> {
            count[0]++;
            sink.accept(reader.read(body));
        });
        return countProblems(declared, count[0], location);
    }

    private static List<Problem> countProblems(int declared, int actual, String location) {
        List<Problem> envelopeErrors = new ArrayList<>();
        if (declared != actual) {
            envelopeErrors.add(Problem.of(FiscalCodes.VOUCHER_COUNT_MISMATCH,
                    "VoucherCount " + (declared < 0 ? "is absent or not a number" : "says " + declared)
                            + " but the envelope carries " + actual + " VoucherBody",
                    location));
        }
        return envelopeErrors;
    }

    /**
     * True when the content is a bare inner {@code <Voucher>} document (as finance systems log and exchange it)
     * rather than a MOF envelope; false for anything that does not parse to that root.
     */
    public static boolean isBareVoucher(byte[] content) {
        try {
            XMLStreamReader r = SecureXml.newReader(new ByteArrayInputStream(content), "voucher");
            try {
                return Stax.toRoot(r) && VOUCHER_ROOT.equals(r.getLocalName());
            } finally {
                r.close();
            }
        } catch (XMLStreamException | FormatException e) {
            return false;
        }
    }

    /**
     * A bare inner voucher as the body of an envelope of one: its routing attributes are its own AdmDivCode,
     * StYear, VtCode and VoucherNo (none when it cannot be parsed: the reader then says why), VoucherFlag 0,
     * no seals or signatures.
     */
    public static VoucherBody bareBody(byte[] xml) {
        String admDivCode = null;
        String stYear = null;
        String vtCode = null;
        String voucherNo = null;
        try {
            Map<String, String> header = RawVoucher.parse(XmlProlog.of(xml).forParser(xml), "voucher").header().values();
            admDivCode = header.get(FiscalVoucher.ADM_DIV_CODE);
            stYear = header.get(FiscalVoucher.ST_YEAR);
            vtCode = header.get(FiscalVoucher.VT_CODE);
            voucherNo = header.get(FiscalVoucher.VOUCHER_NO);
        } catch (FormatException e) {
            // left to the reader, which reports it with its code and location
        }
        return new VoucherBody(1, admDivCode, stYear, vtCode, voucherNo, VoucherBody.FLAG_ORIGINAL, null, "", xml, List.of(), List.of());
    }

    /** Reads a MOF envelope, or a bare inner voucher as an envelope of one ({@link #bareBody}). */
    public static FiscalEnvelopeReadResult readFile(byte[] content, String location, FiscalReadOptions options) {
        if (isBareVoucher(content)) {
            return new FiscalEnvelopeReadResult(List.of(), List.of(new FiscalVoucherReader(options).read(bareBody(content))));
        }
        return read(new ByteArrayInputStream(content), location, options);
    }

    /** Reads the payment vouchers of a MOF envelope, or a bare inner payment voucher as an envelope of one. */
    public static EnvelopeReadResult readPaymentFile(byte[] content, String location, FiscalReadOptions options) {
        if (isBareVoucher(content)) {
            return new EnvelopeReadResult(List.of(), List.of(new PaymentVoucherReader(options).read(bareBody(content))));
        }
        return readPayments(new ByteArrayInputStream(content), location, options);
    }

    /** Writes a GBK MOF envelope of these bodies. */
    public static void write(List<VoucherBody> bodies, OutputStream out) {
        new MofEnvelopeWriter().write(bodies, out);
    }
}
