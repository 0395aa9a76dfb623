package org.jincai.formats.fiscal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * The entry points the hub's intake and outbound use: read an envelope of payment vouchers with every
 * voucher checked, or write one.
 */
public final class FiscalEnvelopes {

    private FiscalEnvelopes() {
    }

    /**
     * Reads and checks every payment voucher of an envelope with the default options.
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
        List<Problem> envelopeErrors = new ArrayList<>();
        if (declared != vouchers.size()) {
            envelopeErrors.add(Problem.of(FiscalCodes.VOUCHER_COUNT_MISMATCH,
                    "VoucherCount " + (declared < 0 ? "is absent or not a number" : "says " + declared)
                            + " but the envelope carries " + vouchers.size() + " VoucherBody",
                    location));
        }
        return new EnvelopeReadResult(envelopeErrors, vouchers);
    }

    /** Writes a GBK MOF envelope of these bodies. */
    public static void write(List<VoucherBody> bodies, OutputStream out) {
        new MofEnvelopeWriter().write(bodies, out);
    }
}
