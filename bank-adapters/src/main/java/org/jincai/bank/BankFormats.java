package org.jincai.bank;

import static org.jincai.bank.file.BankFileErrors.UNSUPPORTED_FORMAT;

import org.jincai.bank.file.BankAnswerReader;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.iso.Pain001FileWriter;
import org.jincai.bank.iso.Pain002AnswerReader;
import org.jincai.bank.layout.FixedFileWriter;
import org.jincai.bank.layout.FixedReturnReader;
import org.jincai.bank.layout.PipeFileWriter;
import org.jincai.bank.layout.PipeReturnReader;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;

/**
 * The registry of bank formats: which writer renders a bank's payment files, which reader reads its
 * answers. A bank's format is data (its profile); this is the
 * only place that maps the data to code.
 */
public final class BankFormats {

    private BankFormats() {
    }

    /** The writer of the bank's outbound format. */
    public static BankFileWriter writer(BankProfile profile) {
        BankFormat format = profile.outboundFormat();
        if (format == null) {
            throw unsupported(profile, "outboundFormat", null);
        }
        return switch (format) {
            case PAIN_001_001_09 -> new Pain001FileWriter(profile);
            case PIPE_GBK -> new PipeFileWriter(profile);
            case FIXED_GBK -> new FixedFileWriter(profile);
            default -> throw unsupported(profile, "outboundFormat", format);
        };
    }

    /** The reader of the bank's answer format. */
    public static BankAnswerReader answerReader(BankProfile profile) {
        BankFormat format = profile.answerFormat();
        if (format == null) {
            throw unsupported(profile, "answerFormat", null);
        }
        return switch (format) {
            case PAIN_002_001_10 -> new Pain002AnswerReader();
            case PIPE_GBK_RETURN -> new PipeReturnReader(profile);
            case FIXED_GBK_RETURN -> new FixedReturnReader(profile);
            default -> throw unsupported(profile, "answerFormat", format);
        };
    }

    /**
     * True when the bank's answers declare a count and total of their own (the text layouts' return
     * files), which a reader checks and a faulty bank can get wrong.
     */
    public static boolean answerCarriesTotals(BankProfile profile) {
        return profile.answerFormat() == BankFormat.PIPE_GBK_RETURN || profile.answerFormat() == BankFormat.FIXED_GBK_RETURN;
    }

    private static BankFileException unsupported(BankProfile profile, String field, BankFormat format) {
        return new BankFileException(UNSUPPORTED_FORMAT, (format == null ? "no format" : "format '" + format.id() + "'")
                + " cannot be used as " + field, "bank " + profile.code() + " / " + field);
    }
}
