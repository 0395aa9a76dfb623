package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.AMOUNT_OVERFLOW;
import static org.jincai.bank.file.BankFileErrors.FIELD_TOO_LONG;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.layout.internal.FieldChecks;
import org.jincai.bank.layout.internal.FixedStreams;

/**
 * The checks every fixed-width record passes before a byte is written: each text has no control
 * character (it would break the line), encodes in the charset, and fits its width counted in that
 * charset's bytes; numbers fit their N(n). A text that does not fit is FIELD_TOO_LONG, never cut.
 */
final class FixedFields {

    private final Charset charset;
    private final CharsetEncoder encoder;

    FixedFields(Charset charset) {
        this.charset = charset;
        this.encoder = Transliteration.strictEncoder(charset);
    }

    void header(FixedHeader h, String location) {
        text(h.messageId(), FixedLayout.MESSAGE_ID_BYTES, "messageId", "", location);
        text(h.payerAccount(), FixedLayout.ACCOUNT_BYTES, "payerAccount", "", location);
        text(h.payerName(), FixedLayout.NAME_BYTES, "payerName", "", location);
    }

    void detail(FixedDetail d, String location) {
        String whose = FieldChecks.payee(d.payeeName(), d.endToEndId());
        if (d.sequence() < 1 || d.sequence() > FixedLayout.MAX_SEQUENCE) {
            throw new BankFileException(FIELD_TOO_LONG, "sequence " + d.sequence() + " does not fit N("
                    + FixedLayout.SEQUENCE_DIGITS + "): a file holds at most " + FixedLayout.MAX_SEQUENCE + " credits", location);
        }
        text(d.endToEndId(), FixedLayout.END_TO_END_ID_BYTES, "endToEndId", whose, location);
        text(d.payeeAccount(), FixedLayout.ACCOUNT_BYTES, "payeeAccount", whose, location);
        text(d.payeeName(), FixedLayout.NAME_BYTES, "payeeName", whose, location);
        text(d.payeeBankNo(), FixedLayout.BANK_NUMBER_BYTES, "payeeBankNo", whose, location);
        fen(d.amountFen(), "amount" + whose, location);
    }

    void returnLine(FixedReturnLine r, String location) {
        detail(r.detail(), location);
        String whose = FieldChecks.payee(r.detail().payeeName(), r.detail().endToEndId());
        text(r.status(), 1, "status", whose, location);
        text(r.reasonCode(), FixedLayout.REASON_CODE_BYTES, "reasonCode", whose, location);
        text(r.reasonText(), FixedLayout.REASON_TEXT_BYTES, "reasonText", whose, location);
    }

    void trailer(FixedTrailer t, String location) {
        if (t.totalCount() < 0 || t.totalCount() > FixedLayout.MAX_SEQUENCE) {
            throw new BankFileException(FIELD_TOO_LONG, "count " + t.totalCount() + " does not fit N("
                    + FixedLayout.SEQUENCE_DIGITS + ")", location);
        }
        fen(t.totalFen(), "total", location);
    }

    /** Refuses a text with a control character, one the charset cannot encode, or one longer than {@code width} bytes. */
    void text(String value, int width, String field, String whose, String location) {
        if (value == null) {
            return;
        }
        FieldChecks.requireNoSeparator(value, (char) 0, field, location);
        FieldChecks.requireEncodable(encoder, value, field, whose, location);
        int bytes = FixedStreams.byteLength(value, charset);
        if (bytes > width) {
            throw new BankFileException(FIELD_TOO_LONG, field + whose + " is " + bytes + " bytes in " + charset.name()
                    + ", the field holds " + width + "; it is never cut", location);
        }
    }

    private static void fen(long fen, String field, String location) {
        if (fen < 0 || fen > FixedLayout.MAX_AMOUNT_FEN) {
            throw new BankFileException(AMOUNT_OVERFLOW, field + " of " + fen + " fen does not fit N("
                    + FixedLayout.AMOUNT_DIGITS + ")", location);
        }
    }
}
