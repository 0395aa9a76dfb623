package org.jincai.bank.simulator;

import static org.jincai.bank.file.BankFileErrors.UNSUPPORTED_FORMAT;

import org.jincai.bank.file.BankFileException;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.responder.FixedBankResponder;
import org.jincai.bank.simulator.responder.IsoBankResponder;
import org.jincai.bank.simulator.responder.PipeBankResponder;

/** How a simulated bank answers: the responder for the files of its profile's outbound format. */
public final class Responders {

    private Responders() {
    }

    /** The responder for the bank's outbound format, rejecting the credits {@code rule} names. */
    public static BankResponder forProfile(BankProfile profile, RejectionRule rule) {
        BankFormat format = profile.outboundFormat();
        if (format == null) {
            throw unsupported(profile, null);
        }
        return switch (format) {
            case PAIN_001_001_09 -> new IsoBankResponder(profile, rule);
            case PIPE_GBK -> new PipeBankResponder(profile, rule);
            case FIXED_GBK -> new FixedBankResponder(profile, rule);
            default -> throw unsupported(profile, format);
        };
    }

    private static BankFileException unsupported(BankProfile profile, BankFormat format) {
        return new BankFileException(UNSUPPORTED_FORMAT, (format == null ? "no format" : "format '" + format.id() + "'")
                + " cannot be simulated", "bank " + profile.code() + " / outboundFormat");
    }
}
