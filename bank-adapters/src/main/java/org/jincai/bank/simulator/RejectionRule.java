package org.jincai.bank.simulator;

import java.util.Optional;
import org.jincai.bank.file.OutboundCredit;

/**
 * A simulated bank's reason to reject one credit. Rules are data-driven and deterministic so tests
 * and the demo know in advance which credits the bank will refuse.
 */
@FunctionalInterface
public interface RejectionRule {

    Optional<Rejection> check(OutboundCredit credit);

    /** The bank's reason: an ISO 20022 ExternalStatusReason1Code (e.g. AC04) and a text. */
    record Rejection(String reasonCode, String reasonText) {
    }

    /** Rejects credits to accounts whose number ends in {@code suffix}, as a closed account (AC04). */
    static RejectionRule accountEndingWith(String suffix) {
        return credit -> credit.payeeAccount() != null && credit.payeeAccount().endsWith(suffix)
                ? Optional.of(new Rejection("AC04", "account closed"))
                : Optional.empty();
    }

    static RejectionRule none() {
        return credit -> Optional.empty();
    }
}
