package org.jincai.formats.fiscal;

import org.jincai.formats.FormatException;

/**
 * Writes a payment voucher as the inner {@code <Voucher>} document of the standard, in GBK: the typed view
 * of {@link FiscalVoucherWriter}, so a payment is laid out exactly as every other type — the standard's
 * tag names in a fixed order, one element per line, empty fields left out, amounts as plain two-decimal
 * numbers, dates as {@code yyyyMMdd}. The bytes are what gets base64-encoded into the envelope and signed.
 *
 * <p>It refuses rather than alters: a character GBK cannot encode is {@code GBK_UNENCODABLE}, a character
 * XML forbids is {@code XML_CHAR_INVALID}, an amount with more than two significant decimals is
 * {@code BAD_AMOUNT} (money is never rounded here), each naming the field and the voucher.
 *
 * <p>Instances hold only immutable configuration and may be shared between threads.
 */
public final class PaymentVoucherWriter {

    private final FiscalVoucherWriter writer;

    public PaymentVoucherWriter() {
        this(FiscalWriteOptions.defaults());
    }

    public PaymentVoucherWriter(FiscalWriteOptions options) {
        this.writer = new FiscalVoucherWriter(options);
    }

    /**
     * The GBK bytes of {@code <?xml version="1.0" encoding="GBK"?><Voucher>…</Voucher>}.
     *
     * @throws FormatException GBK_UNENCODABLE, XML_CHAR_INVALID, BAD_AMOUNT or FIELD_NAME_INVALID
     */
    public byte[] write(PaymentVoucher voucher) {
        return writer.write(FiscalVoucher.of(voucher));
    }
}
