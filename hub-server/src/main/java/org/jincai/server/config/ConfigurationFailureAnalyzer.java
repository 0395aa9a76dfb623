package org.jincai.server.config;

import org.jincai.bank.profile.BankProfileException;
import org.jincai.core.TreasuryException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a refused configuration (bank profiles, finance systems) into the start-up report an operator
 * reads — every problem with its code and location, and what to do — instead of a stack trace.
 */
class ConfigurationFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BankProfileException e) {
                return new FailureAnalysis("The bank profiles (jincai.banks) cannot be used:\n"
                        + String.join("\n", e.problems().stream().map(p -> "  " + p).toList()),
                        "Correct the profiles named above (docs/banks.md). To try the hub against the simulated"
                                + " demo banks instead, run it with the simulator profile"
                                + " (SPRING_PROFILES_ACTIVE=simulator).", e);
            }
            if (t instanceof TreasuryException e && e.code().endsWith("_INVALID")) {
                return new FailureAnalysis(e.code() + " at " + e.location() + ": " + e.getMessage(),
                        "Correct the configuration named above (docs/operations.md).", e);
            }
        }
        return null;
    }
}
