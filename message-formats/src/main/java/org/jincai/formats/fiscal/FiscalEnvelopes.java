package org.jincai.formats.fiscal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * The entry points the hub's intake and outbound use: read an envelope of payment vouchers with every
 * voucher checked ({@link #readPayments}), read an envelope of vouchers of any supported type
 * ({@link #read}, {@link #readEach}), or write one.
 */
public final class FiscalEnvelopes {

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

    /** Writes a GBK MOF envelope of these bodies. */
    public static void write(List<VoucherBody> bodies, OutputStream out) {
        new MofEnvelopeWriter().write(bodies, out);
    }
}
